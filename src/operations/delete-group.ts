import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { requirePoolAndGroup } from "../domain/groups/index.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { groupShapes } from "./group-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * DeleteGroup (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteGroup.html):
 * deletes the group and its memberships in one transaction; a group with members may be deleted
 * ("that group no longer contributes to users' … cognito:groups claims").
 */
export const deleteGroup = defineOperation(
  "DeleteGroup",
  z.object({ GroupName: groupShapes.groupName, UserPoolId: shapes.userPoolId }),
  async (req, { store }: Pick<Services, "store">) => {
    const { pool, group } = await requirePoolAndGroup(store, req.UserPoolId, req.GroupName);
    if (!(await store.groups.delete(pool.id, group.name))) throw errors.groupNotFound();
    return {};
  },
);
