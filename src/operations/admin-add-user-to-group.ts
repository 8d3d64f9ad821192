import { z } from "zod";
import { addUserToGroup, requireMembershipParties } from "../domain/groups/index.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { groupShapes } from "./group-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * AdminAddUserToGroup (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminAddUserToGroup.html):
 * Username may be the username or an active alias. Adding a member again answers `{}`; a user
 * already in 100 groups is LimitExceededException (docs/admin-users.md#groups).
 */
export const adminAddUserToGroup = defineOperation(
  "AdminAddUserToGroup",
  z.object({ UserPoolId: shapes.userPoolId, Username: shapes.username, GroupName: groupShapes.groupName }),
  async (req, { store }: Pick<Services, "store">) => {
    const { group, user } = await requireMembershipParties(
      store,
      req.UserPoolId,
      req.GroupName,
      req.Username,
    );
    await addUserToGroup(store, group, user);
    return {};
  },
);
