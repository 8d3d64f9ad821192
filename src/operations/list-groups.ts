import { z } from "zod";
import { renderGroup } from "../domain/groups/index.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { openPageToken, sealPageToken } from "../domain/users/page-token.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { groupShapes, pageSize } from "./group-inputs.ts";
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
    Limit: groupShapes.limit.optional(),
    NextToken: groupShapes.nextToken.optional(),
  }),
  async (req, { store, box }: Pick<Services, "store" | "box">) => {
    const pool = await requirePool(store, req.UserPoolId);
    const scope = JSON.stringify(["ListGroups", pool.id]);
    const after = req.NextToken === undefined ? undefined : openPageToken(box, scope, req.NextToken);
    const size = pageSize(req.Limit);
    const rows = await store.groups.list(pool.id, size + 1, after);
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return {
      Groups: page.map(renderGroup),
      ...(rows.length > size && last ? { NextToken: sealPageToken(box, scope, last.name) } : {}),
    };
  },
);
