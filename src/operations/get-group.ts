import { z } from "zod";
import { renderGroup, requirePoolAndGroup } from "../domain/groups/index.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { groupShapes } from "./group-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * GetGroup (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetGroup.html):
 * the group by its exact name, or `ResourceNotFoundException: Group not found.`
 */
export const getGroup = defineOperation(
  "GetGroup",
  z.object({ GroupName: groupShapes.groupName, UserPoolId: shapes.userPoolId }),
  async (req, { store }: Pick<Services, "store">) => {
    const { group } = await requirePoolAndGroup(store, req.UserPoolId, req.GroupName);
    return { Group: renderGroup(group) };
  },
);
