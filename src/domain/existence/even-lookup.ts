import type { SecretBox } from "../../crypto/secret-box.ts";
import type { PoolRecord, Store, UserRecord } from "../../storage/ports.ts";
import { lookupForSignIn } from "./decoy.ts";

/**
 * findUser (../users/username.ts) plus one balancing read, so that a request for a real name and one for
 * an unknown name both materialise exactly one full user row (docs/existence.md#equal-work). findUser already
 * runs the same lookups for every name, but a hit costs the store more than a miss: the row is read
 * and decoded (measured on SQLite: `SELECT *` hit 9.0 µs, miss 2.7 µs — enough for the timing
 * benchmark to see). The balancing read is sign-in's (./decoy.ts): a miss when the user
 * exists, a hit on the store's decoy row (under a pool id no pool can have) when not. One mechanism
 * for every masked path; both paths make the same store calls in the same order.
 */
export async function findUserEvenly(
  deps: { store: Store; box: SecretBox },
  pool: PoolRecord,
  input: string,
): Promise<UserRecord | null> {
  return (await lookupForSignIn(deps, pool, input)).user;
}
