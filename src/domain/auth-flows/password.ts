import { checkPassword, srpPoolName } from "../../srp/index.ts";
import { lookupForSignIn } from "../existence/decoy.ts";
import { credentialPair, srpWork } from "../existence/equal-work.ts";
import { claimPasswordAttempt } from "./lockout.ts";
import { afterPasswordVerified } from "./next-step.ts";
import { assertSecretHash, required } from "./params.ts";
import { refuse, screen } from "./screen.ts";
import type { AuthContext, AuthOutcome } from "./types.ts";

/** The auth-event hook (../auth-events/): one in-memory note per password check, on every path. */
export const noteSignIn = (ctx: AuthContext, sub: string | null, passed: boolean): void =>
  ctx.services.authEvents.note({ pool: ctx.pool, sub, passed, now: ctx.now });

/**
 * USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and ADMIN_NO_SRP_AUTH (docs/operations.md#initiateauth). The plaintext is
 * checked against the SRP verifier (one modexp); an unknown or masked user is checked against the
 * deterministic fake credential of the typed name, so both paths do one modexp, the same reads and
 * the same counter write, and answer the same bytes (docs/existence.md#same-answer, docs/existence.md#equal-work, docs/existence.md#lockout-parity).
 * The attempt is counted before the password is checked, in one statement (./lockout.ts).
 */
export async function passwordFlow(ctx: AuthContext, params: Record<string, string>): Promise<AuthOutcome> {
  const typed = required(params, "USERNAME");
  const password = required(params, "PASSWORD");
  assertSecretHash(ctx.services, ctx.client, typed, params);
  return checkPasswordFor(ctx, typed, password, { deviceKey: params.DEVICE_KEY });
}

/** The password check for a name whose request was already checked (also USER_AUTH's PASSWORD factor, ./user-auth/). */
export async function checkPasswordFor(
  ctx: AuthContext,
  typed: string,
  password: string,
  /** The remembered device the sign-in names (DEVICE_KEY), for the MFA and device steps (docs/mfa.md). */
  extra: { deviceKey?: string | undefined } = {},
): Promise<AuthOutcome> {
  const { services, pool } = ctx;

  const found = await lookupForSignIn(services, pool, typed);
  let user = found.user;
  // UserMigration runs for unknown names before any existence answer (docs/triggers.md#usermigration). A known name awaits
  // a settled promise in its place, so both paths take the same turn through the event loop.
  const migration = user ? Promise.resolve(null) : ctx.hooks.userMigration({ username: typed, password });
  const migrated = await migration; // awaited on both paths (`??=` would skip it for a known name)
  user ??= migrated;
  // The claim below answers a lock (`Password attempts exceeded`), so the screen need not read it first.
  const s = await screen(ctx, typed, user, ctx.api, { claimFollows: true });

  const choice = credentialPair(services, {
    pool,
    typed,
    canonical: s.typedKey,
    user,
    decoy: found.decoy,
    mask: s.mask,
    profile: ctx.profile,
    srp: false,
  });
  const subject = user && !choice.simulated ? `sub:${user.sub}` : `name:${s.typedKey}`;
  const claim = await claimPasswordAttempt(services, { pool, lockKey: s.lockKey, subject, now: ctx.now });
  const matches = srpWork(ctx.services.probe, () =>
    checkPassword(srpPoolName(pool.id), choice.userIdForSrp, password, choice.salt, choice.verifier),
  );
  const passed = matches && !choice.simulated && user !== null && !claim.silent;
  noteSignIn(ctx, user && !choice.simulated ? user.sub : null, passed);
  if (!passed || !user) refuse(ctx, "wrong-password");
  return afterPasswordVerified(ctx, user, typed, s.lockKey, claim, extra);
}
