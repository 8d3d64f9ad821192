import type { Services } from "../../services.ts";
import type { Store } from "../../storage/ports.ts";
import { SIGN_UP_DECOY_SUBJECTS } from "./delivery.ts";
import { CODE_LIFETIME_MS, codeHash } from "./issue.ts";

/**
 * The pool's 256 shared sign-up decoy rows (./delivery.ts decoySubject), written before the first
 * sign-up code request or entry a node handles for the pool, on every path. A real unconfirmed user's
 * SIGN_UP row exists from SignUp on, so ConfirmSignUp reads a row (a hit, decoded) and
 * ResendConfirmationCode updates one; the masked path must find its decoy row just as surely, not only
 * once some unknown name happened to be sent a decoy code (docs/existence.md#the-masked-path-same-answer-same-work).
 * The housekeeping sweep keeps them (src/storage/sql/maintenance-store.ts): 256 rows per pool, bounded.
 * Once per pool and store in a process; several nodes may race, and a lost race only rewrites a decoy.
 */
const ensured = new WeakMap<Store, Map<string, Promise<void>>>();

export function ensureSignUpDecoys(
  deps: Pick<Services, "store" | "secrets" | "clock">,
  poolId: string,
): Promise<void> {
  let pools = ensured.get(deps.store);
  if (!pools) {
    pools = new Map();
    ensured.set(deps.store, pools);
  }
  let p = pools.get(poolId);
  if (!p) {
    const byPool = pools;
    p = (async () => {
      for (const subject of SIGN_UP_DECOY_SUBJECTS) {
        if (await deps.store.codes.get(poolId, subject, "SIGN_UP")) continue;
        const now = deps.clock.now();
        await deps.store.codes.put({
          poolId,
          subject,
          purpose: "SIGN_UP",
          // A code nobody was sent: an HMAC of a fixed text, never compared equal to a 6-digit code's.
          codeHash: codeHash(deps, poolId, subject, "SIGN_UP", "decoy"),
          createdAt: now,
          expiresAt: now + CODE_LIFETIME_MS.SIGN_UP,
        });
      }
    })();
    p.catch(() => byPool.delete(poolId));
    pools.set(poolId, p);
  }
  return p;
}
