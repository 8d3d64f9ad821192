import { changeMembership } from "../domain/groups/index.ts";
import type { Services } from "../services.ts";
import { membershipInput } from "./group-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * AdminRemoveUserFromGroup (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminRemoveUserFromGroup.html):
 * removing a user who is not a member answers `{}` — Cognito lists no error for it.
 */
export const adminRemoveUserFromGroup = defineOperation(
  "AdminRemoveUserFromGroup",
  membershipInput,
  async (req, { store }: Pick<Services, "store">) => {
    await changeMembership(store, req, "remove");
    return {};
  },
);
