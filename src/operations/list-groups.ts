import { z } from "zod";
import { groupListingPage, renderGroup } from "../domain/groups/index.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { listingMembers } from "./group-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * ListGroups (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListGroups.html):
 * the pool's groups in name order, Limit at a time (0 or absent = 60), with a sealed NextToken bound
 * to this listing while more remain.
 */
export const listGroups = defineOperation(
  "ListGroups",
  z.object({
    UserPoolId: shapes.userPoolId,
    ...listingMembers,
  }),
  async (req, { store, box }: Pick<Services, "store" | "box">) => {
    const pool = await requirePool(store, req.UserPoolId);
    const { items, NextToken } = await groupListingPage(box, {
      scope: ["ListGroups", pool.id],
      limit: req.Limit,
      nextToken: req.NextToken,
      fetch: (limit, after) => store.groups.list(pool.id, limit, after),
      cursorOf: (g) => g.name,
    });
    return { Groups: items.map(renderGroup), ...(NextToken !== undefined ? { NextToken } : {}) };
  },
);
