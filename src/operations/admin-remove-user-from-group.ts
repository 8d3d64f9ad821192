import { z } from "zod";
import { removeUserFromGroup, requireMembershipParties } from "../domain/groups/index.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { groupShapes } from "./group-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * AdminRemoveUserFromGroup (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminRemoveUserFromGroup.html):
 * removing a user who is not a member answers `{}` — Cognito lists no error for it.
 */
export const adminRemoveUserFromGroup = defineOperation(
  "AdminRemoveUserFromGroup",
  z.object({ UserPoolId: shapes.userPoolId, Username: shapes.username, GroupName: groupShapes.groupName }),
  async (req, { store }: Pick<Services, "store">) => {
    const { group, user } = await requireMembershipParties(
      store,
      req.UserPoolId,
      req.GroupName,
      req.Username,
    );
    await removeUserFromGroup(store, group, user);
    return {};
  },
);
