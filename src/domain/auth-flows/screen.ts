import type { UserRecord } from "../../storage/ports.ts";
import { type ExistenceOperation, existence, statusState, type UserState } from "../existence/index.ts";
import { canonicalName } from "../users/username.ts";
import { assertNotLocked, nameLockKey } from "./lockout.ts";
import type { AuthContext } from "./types.ts";

/**
 * The sign-in state of a looked-up user before the password check (existence table rows in
 * ../existence/auth-rows.ts). Disabled is deliberately not a state here: it is told only after a
 * correct password (decision, docs/authentication.md). EXTERNAL_PROVIDER and retired statuses count
 * as confirmed (../existence/classify.ts) and fail for lack of a password.
 */
export function signInState(user: UserRecord | null): UserState {
  if (!user) return "unknown-user";
  const s = statusState(user.status);
  if (s === "unconfirmed" || s === "reset-required") return s;
  return user.credential === null ? "no-password" : s;
}

export interface Screened {
  /** The state the table was asked about (kept in a PASSWORD_VERIFIER session for step 2). */
  state: UserState;
  /** Run the protocol against the fake credential and fail as a wrong password at the end. */
  mask: boolean;
  /** The typed name, folded as the pool folds usernames: what the fake credential is derived from. */
  typedKey: string;
  /** The lockout counter key (./lockout.ts nameLockKey: the typed name, or a real user's username key). */
  lockKey: string;
}

/**
 * docs/operations.md#initiateauth steps 3–6 up to the password check, shared by the password flows and SRP step 1. The
 * table is asked once: an unknown name under LEGACY is answered at once (PreAuthentication does not
 * run, https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-authentication.html); everything else runs PreAuthentication (with `userNotFound` for an unknown name under
 * ENABLED, docs/operations.md#initiateauth) and the lockout check, and only then gets a state's refusal (UNCONFIRMED regardless
 * of the password (docs/errors.md#user-is-not-confirmed); RESET_REQUIRED under LEGACY). The masked and the real path make the same
 * calls in the same order (docs/existence.md#equal-work). CUSTOM_AUTH passes its own rows as `operation`
 * (./custom-auth/entry-points.ts).
 *
 * `claimFollows`: the caller counts the attempt next (`claimPasswordAttempt`, ./password.ts), and
 * that one statement refuses a locked name with the same answer, so the lockout read is made only
 * where a refusal of the table would otherwise be answered first (a lock outranks it). That is one
 * statement less per password attempt, on the real and the masked path alike.
 */
export async function screen(
  ctx: AuthContext,
  typed: string,
  user: UserRecord | null,
  operation: ExistenceOperation = ctx.api,
  opts: { claimFollows?: boolean } = {},
): Promise<Screened> {
  const { services, pool } = ctx;
  const state = signInState(user);
  const decision = existence.decide(ctx, operation, state, ctx.services.probe);
  if (decision.kind === "fail" && state === "unknown-user") throw decision.error;
  await ctx.hooks.preAuthentication({ user, username: typed, userNotFound: user === null });
  const typedKey = canonicalName(pool, typed);
  const lockKey = nameLockKey(services, pool, typedKey, user ? user.usernameKey : null);
  if (decision.kind === "fail" || !opts.claimFollows) {
    await assertNotLocked(services.store.counters, lockKey, ctx.now);
  }
  if (decision.kind === "fail") throw decision.error;
  return { state, mask: decision.kind === "simulate", typedKey, lockKey };
}

/** Throws the table's answer for a password outcome (always a refusal). */
export function refuse(
  ctx: Pick<AuthContext, "client" | "profile" | "api" | "services">,
  state: UserState,
): never {
  existence.decideOrThrow(ctx, ctx.api, state, ctx.services.probe);
  throw new Error(`existence table: ${ctx.api} / ${state} should refuse`);
}
