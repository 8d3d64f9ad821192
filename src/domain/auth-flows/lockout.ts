import type { ServerSecrets } from "../../crypto/server-secrets.ts";
import type { Services } from "../../services.ts";
import type { ClaimRule, CounterState, CounterStore, PoolRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { type ExistenceProfile, profileOf } from "../existence/profile.ts";

/**
 * Password lockout as Cognito documents it (docs/authentication.md#password-lockout,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html): five failures are
 * free; the n-th failure (n ≥ 5) locks the name for 2^(n−5) s, doubling up to about 15 minutes.
 * Attempts during a lock get `Password attempts exceeded` and are not counted. The count restarts
 * after 15 minutes without a failure.
 *
 * Check and count are one statement (`CounterStore.claim`): an attempt is counted BEFORE the password
 * is evaluated, and only if the name is not locked, so of any number of concurrent attempts on any
 * number of nodes exactly as many are evaluated as the schedule allows. A claim stands as a failure;
 * what happens to it after a right password depends on the pool's existence profile (below).
 *
 * Counter keys are HMACs of (pool, canonical name) under the server seed, for any name, so an unknown
 * name under ENABLED is counted and locked exactly like a real one (docs/existence.md#lockout-parity).
 * - `cognito`: a real user's key is its username key, whichever alias was typed (aliases share one
 *   counter), and a successful sign-in clears it, as in Cognito.
 * - `strict` (docs/authentication.md#lockout-in-the-strict-profile): every name is keyed as typed, as
 *   an unknown pair of names would be, and a success takes back only its own claim (the count an
 *   attacker watches never drops because the user signed in). Per-user protection comes from the
 *   user's silent budget: a second counter per user with the same schedule; past it an attempt is
 *   answered as a wrong password and the password is never accepted.
 */
export const FREE_FAILURES = 5;
export const MAX_LOCK_MS = 15 * 60 * 1000;
export const IDLE_RESET_MS = 15 * 60 * 1000;

/** The schedule as a counter rule: with n attempts counted (n ≥ 5) locked for 2^(n−5) s, at most 15 min. */
export const LOCKOUT_RULE: ClaimRule = {
  idleMs: IDLE_RESET_MS,
  lock: {
    free: FREE_FAILURES,
    stepsMs: Array.from({ length: 11 }, (_, i) => Math.min(MAX_LOCK_MS, 1000 * 2 ** i)),
  },
};

export const lockoutKey = (secrets: ServerSecrets, poolId: string, canonical: string): string =>
  `lockout:${secrets.macHex("lockout", poolId, canonical)}`;

/** The strict profile's per-user budget: `sub:<sub>` for a real user, `name:<canonical>` otherwise. */
export const userBudgetKey = (secrets: ServerSecrets, poolId: string, subject: string): string =>
  `lockout-user:${secrets.macHex("lockout-user", poolId, subject)}`;

export type LockoutDeps = Pick<Services, "config" | "secrets" | "store">;

export const lockoutProfile = (deps: Pick<Services, "config">, pool: PoolRecord): ExistenceProfile =>
  profileOf(pool, deps.config.existenceProfile);

/** The name's counter: the typed name in `strict`; a real user's username key in `cognito`. */
export function nameLockKey(
  deps: LockoutDeps,
  pool: PoolRecord,
  typedKey: string,
  usernameKey: string | null,
) {
  const strict = lockoutProfile(deps, pool) === "strict";
  return lockoutKey(deps.secrets, pool.id, strict ? typedKey : (usernameKey ?? typedKey));
}

/** Epoch ms until which the state locks the name, or 0 when it does not. Pure, for tests. */
export function lockedUntil(state: CounterState | null, now: number): number {
  if (!state || now - state.lastAt >= IDLE_RESET_MS || state.count < FREE_FAILURES) return 0;
  const lockMs = Math.min(MAX_LOCK_MS, 1000 * 2 ** (state.count - FREE_FAILURES));
  const until = state.lastAt + lockMs;
  return until > now ? until : 0;
}

export const attemptsExceeded = () => errors.passwordAttemptsExceeded();

/** One read; throws `Password attempts exceeded` during a lock (the early answer, before any work). */
export async function assertNotLocked(counters: CounterStore, key: string, now: number): Promise<void> {
  if (lockedUntil(await counters.get(key), now) > 0) throw attemptsExceeded();
}

/** The counters one password attempt was counted on, as claimed (for a refund). */
export interface PasswordClaim {
  claims: { key: string; state: CounterState }[];
  /** The user's budget is spent (strict): evaluate nothing, answer as a wrong password. */
  silent: boolean;
}

/**
 * Counts one password attempt before it is evaluated. Throws `Password attempts exceeded` when the
 * name is locked. In `strict` it also claims the budget of `subject` (`sub:<sub>` for a real user,
 * `name:<typed key>` otherwise, so both paths make the same two statements); a refused budget makes
 * the attempt `silent`. Both paths, real and masked, call this once.
 */
export async function claimPasswordAttempt(
  deps: LockoutDeps,
  args: { pool: PoolRecord; lockKey: string; subject: string; now: number },
): Promise<PasswordClaim> {
  const { counters } = deps.store;
  const state = await counters.claim(args.lockKey, args.now, LOCKOUT_RULE);
  if (!state) throw attemptsExceeded();
  const claims = [{ key: args.lockKey, state }];
  if (lockoutProfile(deps, args.pool) !== "strict") return { claims, silent: false };
  const budgetKey = userBudgetKey(deps.secrets, args.pool.id, args.subject);
  const budget = await counters.claim(budgetKey, args.now, LOCKOUT_RULE);
  if (budget) claims.push({ key: budgetKey, state: budget });
  return { claims, silent: budget === null };
}

/** A right password refused anyway (disabled user, expired temporary password): it counts as nothing. */
export async function refundClaims(counters: CounterStore, claim: PasswordClaim | null): Promise<void> {
  for (const c of claim?.claims ?? []) await counters.refund(c.key, c.state);
}

/**
 * A successful sign-in (reached only when no lock is in force). `cognito`: the name's count starts
 * again, as Cognito documents. `strict`: only this attempt's claims are taken back.
 */
export async function recordSuccess(
  deps: LockoutDeps,
  pool: PoolRecord,
  lockKey: string,
  claim: PasswordClaim | null,
): Promise<void> {
  if (lockoutProfile(deps, pool) === "strict") await refundClaims(deps.store.counters, claim);
  else await deps.store.counters.clear(lockKey);
}
