import { z } from "zod";
import { requirePoolAndGroup } from "../domain/groups/index.ts";
import { openPageToken, sealPageToken } from "../domain/users/page-token.ts";
import { renderUserType } from "../domain/users/user-view.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { groupShapes, pageSize } from "./group-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * ListUsersInGroup (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsersInGroup.html):
 * the members as ListUsers shows users (UserType), in the store's index order (by sub, as
 * ListUsers), Limit at a time with a sealed NextToken bound to this group.
 */
export const listUsersInGroup = defineOperation(
  "ListUsersInGroup",
  z.object({
    UserPoolId: shapes.userPoolId,
    GroupName: groupShapes.groupName,
    Limit: groupShapes.limit.optional(),
    NextToken: groupShapes.nextToken.optional(),
  }),
  async (req, { store, box }: Pick<Services, "store" | "box">) => {
    const { pool, group } = await requirePoolAndGroup(store, req.UserPoolId, req.GroupName);
    const scope = JSON.stringify(["ListUsersInGroup", pool.id, group.name]);
    const after = req.NextToken === undefined ? undefined : openPageToken(box, scope, req.NextToken);
    const size = pageSize(req.Limit);
    const rows = await store.groups.membersOf(pool.id, group.name, size + 1, after);
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return {
      Users: page.map((u) => renderUserType(u)),
      ...(rows.length > size && last ? { NextToken: sealPageToken(box, scope, last.sub) } : {}),
    };
  },
);
