import type { PoolRecord, Store, UserRecord } from "../storage/ports.ts";
import { findUser } from "./username.ts";

/**
 * findUser (./username.ts) plus one balancing read, so that a request for a real name and one for
 * an unknown name both materialise exactly one full user row (no-oracle.md rule 3). findUser already
 * runs the same lookups for every name, but a hit costs the store more than a miss: the row is read
 * and decoded (measured on SQLite: about 6 µs more, enough for the timing benchmark to see).
 *
 * - a hit is balanced by a lookup that cannot hit (a single space: UsernameType allows no white
 *   space, and unlike NUL it is valid text in PostgreSQL);
 * - a miss is balanced by a lookup of a stand-in: the key of the last user this node found in the
 *   pool. It is not a cache of users (it never answers anything); it only gives the masked path a row
 *   to read. Until the node has found a user in a pool, both reads miss, as they would for a real
 *   name in an empty pool.
 *
 * Both paths make the same store calls, in the same order.
 */
const NEVER = " ";
const standIns = new WeakMap<Store, Map<string, string>>();

export async function findUserEvenly(
  store: Store,
  pool: PoolRecord,
  input: string,
): Promise<UserRecord | null> {
  let keys = standIns.get(store);
  if (!keys) {
    keys = new Map();
    standIns.set(store, keys);
  }
  const user = await findUser(store, pool, input);
  if (user) keys.set(pool.id, user.usernameKey);
  await store.users.findByUsername(pool.id, user ? NEVER : (keys.get(pool.id) ?? NEVER));
  return user;
}
