import { changeMembership } from "../domain/groups/index.ts";
import type { Services } from "../services.ts";
import { membershipInput } from "./group-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * AdminAddUserToGroup (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminAddUserToGroup.html):
 * Username may be the username or an active alias. Adding a member again answers `{}`; a user
 * already in 100 groups is LimitExceededException (docs/admin-users.md#groups).
 */
export const adminAddUserToGroup = defineOperation(
  "AdminAddUserToGroup",
  membershipInput,
  async (req, { store }: Pick<Services, "store">) => {
    await changeMembership(store, req, "add");
    return {};
  },
);
