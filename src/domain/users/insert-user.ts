import type { AliasKind, PoolRecord, Store, UserRecord } from "../../storage/ports.ts";
import { UniqueViolation } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { poolConfig } from "../pools/pool.ts";
import { isAliasKind } from "./admin-user.ts";
import { MAX_WRITE_ATTEMPTS } from "./update-user.ts";

/**
 * Inserts a new user (one atomic insert). Clashes map to Cognito's answers (docs/errors.md, docs/operations.md#username-models):
 * - the username (or a case variant in a case-insensitive pool) → `User account already exists`;
 * - the email / phone that is the sign-in name in a username-attribute pool →
 *   `An account with the given <attr> already exists.` (UsernameExistsException);
 * - an alias in an alias pool → AliasExistsException, unless `forceAlias` and the alias is a verified
 *   email / phone: then the user is inserted without it and takes it over with saveTakingAlias, which
 *   atomically un-verifies it on the previous holder (ForceAliasCreation, docs/admin-users.md).
 */
export async function insertUser(
  store: Store,
  pool: PoolRecord,
  user: UserRecord,
  forceAlias: boolean,
): Promise<UserRecord> {
  const usernameAttributes = poolConfig(pool).UsernameAttributes ?? [];
  const contested: AliasKind[] = [];
  for (;;) {
    const aliases = { ...user.aliases };
    for (const k of contested) delete aliases[k];
    try {
      await store.users.create({ ...user, aliases });
      break;
    } catch (e) {
      if (!(e instanceof UniqueViolation)) throw e;
      if (e.what === "username") throw errors.userAccountExists();
      if (!isAliasKind(e.what)) throw e;
      if ((usernameAttributes as string[]).includes(e.what)) {
        throw errors.signInNameExists(e.what);
      }
      const forcible = forceAlias && e.what !== "preferred_username" && !contested.includes(e.what);
      if (!forcible) throw errors.attributeAliasExists(e.what);
      contested.push(e.what);
    }
  }
  // Take over each contested alias; the user already exists, so saveTakingAlias can update it.
  let current: UserRecord = { ...user, aliases: { ...user.aliases } };
  for (const k of contested) delete current.aliases[k];
  for (const k of contested) {
    const key = user.aliases[k];
    if (key === undefined) continue;
    current = await takeAlias(store, { ...current, aliases: { ...current.aliases, [k]: key } }, k, key);
  }
  return current;
}

/**
 * `saveTakingAlias` with its compare-and-set: false means the previous holder changed between the
 * read and the write (the new user itself is not visible to others yet, callers insert it inside a
 * transaction), so it is simply tried again on the fresh holder. Returns the record as saved.
 */
async function takeAlias(store: Store, next: UserRecord, kind: AliasKind, key: string): Promise<UserRecord> {
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    if (await store.users.saveTakingAlias(next, kind, key)) return { ...next, version: next.version + 1 };
    const fresh = await store.users.findBySub(next.poolId, next.sub);
    if (!fresh) throw errors.userNotFound();
    next = { ...next, version: fresh.version };
  }
  throw errors.internal();
}
