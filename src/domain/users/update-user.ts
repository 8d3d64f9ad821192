import { setTimeout as sleep } from "node:timers/promises";
import type { PoolRecord, Store, UserRecord } from "../../storage/ports.ts";
import { UniqueViolation } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { inTransaction, type WriteDeps } from "../transaction.ts";
import { isAliasKind } from "./admin-user.ts";
import { refreshKeys } from "./new-user.ts";

/**
 * How many times a change is computed and written before the request gives up. A failed write means
 * another write to the same user won in between, so this many concurrent writers to one user always
 * get through; beyond it the answer is InternalErrorException, which AWS SDKs retry.
 */
export const MAX_WRITE_ATTEMPTS = 32;

/** The one user write of an update: a plain compare-and-set save unless the caller moves an alias. */
export type UserWrite = (store: Store, next: UserRecord) => Promise<boolean>;
const plainSave: UserWrite = (store, next) => store.users.save(next);

/** Thrown inside the transaction to undo it when the compare-and-set found a newer row. */
class Stale extends Error {}

export interface UpdateOptions<D extends WriteDeps> {
  /** Other rows written in the same transaction as the user (a code used up, tokens revoked, a message). */
  also?: (tx: D, saved: UserRecord) => Promise<void>;
  /** The user write itself (ForceAliasCreation: `saveTakingAlias`). */
  write?: UserWrite;
  /** Maps an alias clash; AliasExistsException in UpdateUserAttributes' wording by default. */
  aliasClash?: (kind: "email" | "phone_number" | "preferred_username") => Error;
}

/**
 * Applies `change` to a user and saves the result by compare-and-set on the row version
 * (docs/storage.md#no-lost-updates): when another write reached the row since it was read, the row is
 * read again and `change` is applied to the fresh record, so concurrent changes to one user never undo
 * each other and a disable or a sign-out is never overwritten by a change computed before it. `change`
 * must be pure; it may throw (a check that must hold on the row being written, e.g. that the caller's
 * token is still good). Lookup keys are recomputed. Returns the record as saved.
 */
export async function updateUser<D extends WriteDeps>(
  deps: D,
  pool: PoolRecord,
  user: UserRecord,
  change: (current: UserRecord) => UserRecord,
  opts: UpdateOptions<D> = {},
): Promise<UserRecord> {
  const write = opts.write ?? plainSave;
  const also = opts.also;
  let current = user;
  for (let attempt = 1; ; attempt++) {
    const next = refreshKeys(pool, { ...change(current), version: current.version });
    const saved = { ...next, version: next.version + 1 };
    let ok: boolean;
    try {
      ok = also
        ? await inTransaction(deps, async (tx) => {
            if (!(await write(tx.store, next))) throw new Stale();
            await also(tx, saved);
            return true;
          })
        : await write(deps.store, next);
    } catch (e) {
      if (e instanceof Stale) ok = false;
      else if (e instanceof UniqueViolation && isAliasKind(e.what))
        throw (opts.aliasClash ?? errors.attributeAliasExists)(e.what);
      else throw e;
    }
    if (ok) return saved;
    const fresh = await deps.store.users.findBySub(pool.id, user.sub);
    if (!fresh) throw errors.userNotFound();
    if (attempt >= MAX_WRITE_ATTEMPTS) throw errors.internal();
    // Writers that keep colliding spread out a little; the first retries go at once.
    if (attempt > 2) await sleep(Math.random() * attempt);
    current = fresh;
  }
}
