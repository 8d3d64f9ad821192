import { z } from "zod";
import { groupListingPage, renderGroup } from "../domain/groups/index.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { listingMembers } from "./group-inputs.ts";
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
    ...listingMembers,
  }),
  async (req, { store, box }: Pick<Services, "store" | "box">) => {
    const { pool, user } = await requirePoolAndUser(store, req.UserPoolId, req.Username);
    const { items, NextToken } = await groupListingPage(box, {
      scope: ["AdminListGroupsForUser", pool.id, user.sub],
      limit: req.Limit,
      nextToken: req.NextToken,
      fetch: (limit, after) => store.groups.groupsOf(pool.id, user.sub, limit, after),
      cursorOf: (g) => g.name,
    });
    return { Groups: items.map(renderGroup), ...(NextToken !== undefined ? { NextToken } : {}) };
  },
);
