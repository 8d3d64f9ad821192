import type { AliasKind, PoolRecord, Store, UserRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { requirePool } from "../pools/lookup.ts";
import { findUser } from "./username.ts";

/**
 * Shared steps of the Admin* user operations. Admin operations name the pool and a username or an
 * active alias (docs/operations.md#username-models: aliases work in every API but ListUsers); an unknown user is always
 * `UserNotFoundException: User does not exist.` — PreventUserExistenceErrors is an app-client setting
 * and admin calls name no client (docs/operations.md#token-authorised-operations, docs/existence.md#legacy-and-enabled-at-a-glance).
 */
export async function requirePoolAndUser(
  store: Store,
  poolId: string,
  username: string,
): Promise<{ pool: PoolRecord; user: UserRecord }> {
  const pool = await requirePool(store, poolId);
  const user = await findUser(store, pool, username);
  if (!user) throw errors.userNotFound();
  return { pool, user };
}

export const isAliasKind = (what: string): what is AliasKind =>
  what === "email" || what === "phone_number" || what === "preferred_username";
