import type { Services } from "../../services.ts";
import type { ClaimRule, PoolRecord, UserRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { profileOf } from "../existence/profile.ts";

/**
 * Attempt limits for requesting and entering codes (docs/authentication.md#lockout-and-throttling: "between 5 and 20 attempts" per hour to
 * request or enter a password-reset code, then `LimitExceededException: Attempt limit exceeded, please
 * try after some time.`). Two budgets per operation (docs/existence.md#budgets-per-user-and-per-name):
 *
 * - per NAME as typed: keyed by an HMAC of (pool, purpose, canonical name) for ANY name, so an unknown
 *   name is limited exactly like a real one (docs/existence.md#lockout-parity), and the key reveals
 *   neither the pool's users nor the names tried. Past it: LimitExceededException, for every name.
 * - per USER: keyed by the user's sub, so a user's username and aliases share one budget. Past it the
 *   caller is NOT told (an unknown name would not be): the operation answers what a wrong code or a
 *   sent code answers and does nothing. For a name without a user the key is the name itself, so
 *   both paths make the same statements and that budget simply mirrors the name's.
 *
 * Each budget is checked and counted in one statement (`CounterStore.claim`), so however many requests
 * arrive at once, on however many nodes, at most `max` of them get past each.
 */
export type AttemptKind = "code-request" | "code-entry";

export interface AttemptLimit {
  max: number;
  windowMs: number;
}

const HOUR = 60 * 60 * 1000;

/**
 * 10 per hour each (inside Cognito's 5–20), per name and per user: enough for a user who mistypes or
 * asks again a few times, at most 10 guesses per hour at a 6-digit code however many names the user
 * has. The window is fixed from the first attempt.
 */
export const ATTEMPT_LIMITS: Readonly<Record<AttemptKind, AttemptLimit>> = {
  "code-request": { max: 10, windowMs: HOUR },
  "code-entry": { max: 10, windowMs: HOUR },
};

const RULES: Readonly<Record<AttemptKind, ClaimRule>> = {
  "code-request": { ...ATTEMPT_LIMITS["code-request"] },
  "code-entry": { ...ATTEMPT_LIMITS["code-entry"] },
};

export type AttemptDeps = Pick<Services, "store" | "secrets" | "clock">;

/** The name counter's key: one MAC, the same for every name whether or not a user has it. */
export const attemptKey = (
  deps: Pick<Services, "secrets">,
  poolId: string,
  purpose: string,
  name: string,
): string => deps.secrets.macHex("counter", poolId, purpose, name);

/** What was charged, for `chargeUserAttempt` and `clearAttempts`. */
export interface AttemptCharge {
  poolId: string;
  purpose: string;
  kind: AttemptKind;
  name: string;
  /** The request's time: both budgets are claimed at the same instant, so their windows agree. */
  now: number;
  keys: string[];
}

/**
 * Counts one attempt of `purpose` (e.g. "ForgotPassword") for `name` (the canonical name as typed) and
 * throws LimitExceededException past the limit. Made before the user is looked up.
 */
export async function chargeAttempt(
  deps: AttemptDeps,
  args: { poolId: string; purpose: string; kind: AttemptKind; name: string },
): Promise<AttemptCharge> {
  const now = deps.clock.now();
  const key = attemptKey(deps, args.poolId, args.purpose, args.name);
  if (!(await deps.store.counters.claim(key, now, RULES[args.kind]))) throw errors.attemptLimit();
  return { ...args, now, keys: [key] };
}

/**
 * Counts the same attempt on the user's budget (the name's for no user), after the lookup. False when
 * that budget is spent: the caller then answers exactly as for a wrong code (entries) or a sent code
 * (requests), and accepts or sends nothing. Never throws a limit.
 */
export async function chargeUserAttempt(
  deps: AttemptDeps,
  charge: AttemptCharge,
  user: UserRecord | null,
): Promise<boolean> {
  const subject = user ? `sub:${user.sub}` : `name:${charge.name}`;
  const key = deps.secrets.macHex("counter-user", charge.poolId, charge.purpose, subject);
  const granted = await deps.store.counters.claim(key, charge.now, RULES[charge.kind]);
  if (granted) charge.keys.push(key);
  return granted !== null;
}

/**
 * After a right code (only a real user with the right code gets here) the attempts are forgotten,
 * unless `keep`: the `strict` profile keeps them, so a user's success never changes the budget an
 * attacker typing the same name is using up (docs/existence.md#budgets-per-user-and-per-name).
 */
export async function clearAttempts(
  deps: Pick<Services, "store">,
  charge: AttemptCharge,
  keep = false,
): Promise<void> {
  if (keep) return;
  for (const key of charge.keys) await deps.store.counters.clear(key);
}

/** Whether a right code keeps the attempts (the pool's existence profile is `strict`). */
export const keepsAttempts = (deps: Pick<Services, "config">, pool: PoolRecord): boolean =>
  profileOf(pool, deps.config.existenceProfile) === "strict";
