import { z } from "zod";
import { groupListingPage, requirePoolAndGroup } from "../domain/groups/index.ts";
import { renderUserType } from "../domain/users/user-view.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { groupShapes, listingMembers } from "./group-inputs.ts";
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
    ...listingMembers,
  }),
  async (req, { store, box }: Pick<Services, "store" | "box">) => {
    const { pool, group } = await requirePoolAndGroup(store, req.UserPoolId, req.GroupName);
    const { items, NextToken } = await groupListingPage(box, {
      scope: ["ListUsersInGroup", pool.id, group.name],
      limit: req.Limit,
      nextToken: req.NextToken,
      fetch: (limit, after) => store.groups.membersOf(pool.id, group.name, limit, after),
      cursorOf: (u) => u.sub,
    });
    return { Users: items.map((u) => renderUserType(u)), ...(NextToken !== undefined ? { NextToken } : {}) };
  },
);
