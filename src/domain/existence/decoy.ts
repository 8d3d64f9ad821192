import type { SecretBox } from "../../crypto/secret-box.ts";
import type { PoolRecord } from "../../storage/ports.ts";
import { type Store, UniqueViolation, type UserRecord } from "../../storage/ports.ts";
import { sealCredential } from "../users/credentials.ts";
import { findUser } from "../users/username.ts";

/**
 * Equal reads for the masked path (docs/existence.md#equal-work). Reading a user row that exists costs more
 * than missing one (the row is fetched and decoded: ~10 µs against ~3 µs on SQLite, measured), so an
 * unknown name would answer a few µs sooner — enough for a KS test at 2,000 samples. Every sign-in
 * therefore makes one more read, `users.findBySub(DECOY_POOL, …)`: a miss when the user exists and a
 * hit on a decoy row when it does not, so both paths make one hit and the same misses. The decoy's
 * sealed credential is also what the masked path opens, so both paths decrypt a credential read
 * from the database.
 *
 * The decoy lives under a pool id no pool can have (generated ids are `<region>_<9 alphanumerics>`
 * and `hushpool` is no region), so no pool operation, ListUsers or count ever sees it.
 */
export const DECOY_POOL = "hushpool_decoy0";
const DECOY_SUB = "00000000-0000-4000-8000-00000000dec0";
/** Never a real sub in DECOY_POOL: the read the real path makes, which misses. */
const ABSENT_SUB = "00000000-0000-4000-8000-0000000000ab";

const ensured = new WeakMap<Store, Promise<void>>();

/** Creates the decoy row once per store (several nodes may race; the first insert wins). */
export function ensureDecoy(store: Store, box: SecretBox): Promise<void> {
  let p = ensured.get(store);
  if (!p) {
    p = (async () => {
      if (await store.users.findBySub(DECOY_POOL, DECOY_SUB)) return;
      const now = Date.now();
      const decoy: UserRecord = {
        poolId: DECOY_POOL,
        sub: DECOY_SUB,
        username: DECOY_SUB,
        usernameKey: DECOY_SUB,
        aliases: {},
        status: "CONFIRMED",
        enabled: true,
        attributes: { email: "decoy@example.invalid", email_verified: "false" },
        credential: null,
        credentialSetAt: now,
        meta: {},
        createdAt: now,
        modifiedAt: now,
        version: 0,
      };
      try {
        await store.users.create({ ...decoy, credential: sealCredential(box, decoy, DECOY_SUB) });
      } catch (e) {
        if (!(e instanceof UniqueViolation)) throw e;
      }
    })();
    p.catch(() => ensured.delete(store));
    ensured.set(store, p);
  }
  return p;
}

/**
 * The user for a typed name (username or active alias, ../users/username.ts) plus the balancing read:
 * `decoy` is the decoy row when no user was found (null otherwise, or if the decoy is missing).
 */
export async function lookupForSignIn(
  deps: { store: Store; box: SecretBox },
  pool: PoolRecord,
  typed: string,
): Promise<{ user: UserRecord | null; decoy: UserRecord | null }> {
  await ensureDecoy(deps.store, deps.box);
  const user = await findUser(deps.store, pool, typed);
  const other = await deps.store.users.findBySub(DECOY_POOL, user ? ABSENT_SUB : DECOY_SUB);
  return { user, decoy: user ? null : other };
}

/** SRP step 2: reload the session's user, or read the decoy for a simulated session (a hit either way). */
export async function reloadForProof(
  deps: { store: Store; box: SecretBox },
  pool: PoolRecord,
  sub: string | null,
): Promise<UserRecord | null> {
  await ensureDecoy(deps.store, deps.box);
  if (sub === null) {
    await deps.store.users.findBySub(DECOY_POOL, DECOY_SUB);
    return null;
  }
  return deps.store.users.findBySub(pool.id, sub);
}
