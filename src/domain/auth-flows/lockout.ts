import type { ServerSecrets } from "../../crypto/server-secrets.ts";
import type { CounterState, CounterStore } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";

/**
 * Password lockout as Cognito documents it (docs/authentication.md#lockout-and-throttling, https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html): five failures are free; the n-th
 * failure (n ≥ 5) locks the name for 2^(n−5) s, doubling up to about 15 minutes. Attempts during a
 * lock get `Password attempts exceeded` and are not counted. The count restarts after 15 minutes
 * without a failure, and a successful sign-in clears it.
 *
 * The counter key is an HMAC of (pool, canonical name) under the server seed, for any name, so an
 * unknown username under ENABLED is counted and locked exactly like a real one (docs/existence.md#lockout-parity).
 * For a real user the canonical name is its username key, whichever alias was typed, so switching
 * between username and alias does not multiply the free attempts.
 */
export const FREE_FAILURES = 5;
export const MAX_LOCK_MS = 15 * 60 * 1000;
export const IDLE_RESET_MS = 15 * 60 * 1000;

export const lockoutKey = (secrets: ServerSecrets, poolId: string, canonical: string): string =>
  `lockout:${secrets.macHex("lockout", poolId, canonical)}`;

/** Epoch ms until which the state locks the name, or 0 when it does not. Pure, for tests. */
export function lockedUntil(state: CounterState | null, now: number): number {
  if (!state || now - state.lastAt >= IDLE_RESET_MS || state.count < FREE_FAILURES) return 0;
  const lockMs = Math.min(MAX_LOCK_MS, 1000 * 2 ** (state.count - FREE_FAILURES));
  const until = state.lastAt + lockMs;
  return until > now ? until : 0;
}

export const attemptsExceeded = () => errors.passwordAttemptsExceeded();

/** One read; throws `Password attempts exceeded` during a lock. */
export async function assertNotLocked(counters: CounterStore, key: string, now: number): Promise<void> {
  if (lockedUntil(await counters.get(key), now) > 0) throw attemptsExceeded();
}

/** One write: counts a failed password (or password proof). */
export async function recordFailure(counters: CounterStore, key: string, now: number): Promise<void> {
  await counters.increment(key, now, { idleMs: IDLE_RESET_MS });
}

/** A successful sign-in (reached only when no lock is in force) starts the count again. */
export async function recordSuccess(counters: CounterStore, key: string): Promise<void> {
  await counters.clear(key);
}
