import { z } from "zod";
import { requirePool } from "../domain/pools/lookup.ts";
import { openPageToken, sealPageToken } from "../domain/users/page-token.ts";
import { parseUserFilter } from "../domain/users/user-filter.ts";
import { renderUserType } from "../domain/users/user-view.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

const input = z.object({
  UserPoolId: shapes.userPoolId,
  AttributesToGet: z.array(shapes.attributeName).optional(),
  Limit: z.number().int().min(0).max(60).optional(),
  PaginationToken: shapes.paginationKey.optional(),
  Filter: z.string().max(256).optional(),
});

/**
 * ListUsers (docs/admin-users.md): the documented filter grammar on the searchable attributes, pages of Limit
 * users (0 or absent = 60) in the store's index order, and an opaque PaginationToken bound to this
 * pool and filter. Aliases are not resolved (a `username` filter matches the real username).
 * AttributesToGet limits the attributes shown; names the user lacks or the schema lacks are skipped.
 */
export const listUsers = defineOperation(
  "ListUsers",
  input,
  async (req, { store, box }: Pick<Services, "box" | "store">) => {
    const pool = await requirePool(store, req.UserPoolId);
    const filter = parseUserFilter(req.Filter);
    const scope = JSON.stringify([pool.id, filter ?? null]);
    const cursor =
      req.PaginationToken === undefined ? undefined : openPageToken(box, scope, req.PaginationToken);
    const page = await store.users.list(pool.id, {
      ...(filter ? { filter } : {}),
      limit: req.Limit || 60,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    return {
      Users: page.users.map((u) => renderUserType(u, req.AttributesToGet)),
      ...(page.next !== undefined ? { PaginationToken: sealPageToken(box, scope, page.next) } : {}),
    };
  },
);
