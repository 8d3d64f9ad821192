import { z } from "zod";
import { renderGroup } from "../domain/groups/index.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { openPageToken, sealPageToken } from "../domain/users/page-token.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { groupShapes, pageSize } from "./group-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * AdminListGroupsForUser (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListGroupsForUser.html):
 * the user's groups in name order, paged as ListGroups; the NextToken is bound to this user.
 */
export const adminListGroupsForUser = defineOperation(
  "AdminListGroupsForUser",
  z.object({
    Username: shapes.username,
    UserPoolId: shapes.userPoolId,
    Limit: groupShapes.limit.optional(),
    NextToken: groupShapes.nextToken.optional(),
  }),
  async (req, { store, box }: Pick<Services, "store" | "box">) => {
    const { pool, user } = await requirePoolAndUser(store, req.UserPoolId, req.Username);
    const scope = JSON.stringify(["AdminListGroupsForUser", pool.id, user.sub]);
    const after = req.NextToken === undefined ? undefined : openPageToken(box, scope, req.NextToken);
    const size = pageSize(req.Limit);
    const rows = await store.groups.groupsOf(pool.id, user.sub, size + 1, after);
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return {
      Groups: page.map(renderGroup),
      ...(rows.length > size && last ? { NextToken: sealPageToken(box, scope, last.name) } : {}),
    };
  },
);
