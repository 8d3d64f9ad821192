import type { Services } from "../../services.ts";
import { errors } from "../errors/index.ts";

/**
 * Attempt limits for requesting and entering codes (docs/authentication.md#lockout-and-throttling: "between 5 and 20 attempts" per hour to
 * request or enter a password-reset code, then `LimitExceededException: Attempt limit exceeded, please
 * try after some time.`). Counters are keyed by an HMAC of (pool, purpose, canonical name) for ANY name,
 * so an unknown name is limited exactly like a real one (docs/existence.md#lockout-parity), and the key reveals
 * neither the pool's users nor the names tried.
 *
 * Enforcement is increment-first: the store adds one atomically and returns the new count, and the
 * request is refused when that count passes the limit. Concurrent requests each see a distinct count,
 * so at most `max` of them ever get past, however many arrive at once.
 */
export type AttemptKind = "code-request" | "code-entry";

export interface AttemptLimit {
  max: number;
  windowMs: number;
}

const HOUR = 60 * 60 * 1000;

/**
 * 10 per hour each (inside Cognito's 5–20): enough for a user who mistypes or asks again a few times,
 * at most 10 guesses per hour at a 6-digit code. The window is fixed from the first attempt.
 */
export const ATTEMPT_LIMITS: Readonly<Record<AttemptKind, AttemptLimit>> = {
  "code-request": { max: 10, windowMs: HOUR },
  "code-entry": { max: 10, windowMs: HOUR },
};

export type AttemptDeps = Pick<Services, "store" | "secrets" | "clock">;

/** The counter key: one MAC, the same for every name whether or not a user has it. */
export const attemptKey = (
  deps: Pick<Services, "secrets">,
  poolId: string,
  purpose: string,
  name: string,
): string => deps.secrets.macHex("counter", poolId, purpose, name);

/**
 * Counts one attempt of `purpose` (e.g. "ForgotPassword") for `name` (the canonical name as typed) and
 * throws LimitExceededException past the limit. Returns the counter key for `clearAttempts`.
 */
export async function chargeAttempt(
  deps: AttemptDeps,
  args: { poolId: string; purpose: string; kind: AttemptKind; name: string },
): Promise<string> {
  const limit = ATTEMPT_LIMITS[args.kind];
  const key = attemptKey(deps, args.poolId, args.purpose, args.name);
  const state = await deps.store.counters.increment(key, deps.clock.now(), { windowMs: limit.windowMs });
  if (state.count > limit.max) throw errors.attemptLimit();
  return key;
}

/** Forgets the attempts after a success (only a real user with the right code gets here). */
export async function clearAttempts(deps: Pick<Services, "store">, key: string): Promise<void> {
  await deps.store.counters.clear(key);
}
