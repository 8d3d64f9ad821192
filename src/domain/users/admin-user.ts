import type { AliasKind, PoolRecord, Store, UserRecord } from "../../storage/ports.ts";
import { UniqueViolation } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { requirePool } from "../pools/lookup.ts";
import { refreshKeys } from "./new-user.ts";
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

/**
 * Saves a changed user after recomputing its lookup keys. A clash on a lookup key is an
 * AliasExistsException; a user deleted in the meantime is UserNotFoundException.
 */
export async function saveUser(store: Store, pool: PoolRecord, user: UserRecord): Promise<UserRecord> {
  const next = refreshKeys(pool, user);
  let saved: boolean;
  try {
    saved = await store.users.save(next);
  } catch (e) {
    if (e instanceof UniqueViolation && isAliasKind(e.what)) throw errors.attributeAliasExists(e.what);
    throw e;
  }
  if (!saved) throw errors.userNotFound();
  return next;
}

export const isAliasKind = (what: string): what is AliasKind =>
  what === "email" || what === "phone_number" || what === "preferred_username";
