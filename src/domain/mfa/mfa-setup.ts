import { invalidSession, openStep, peekSession, takeSession } from "../auth-flows/session.ts";
import type { AuthContext } from "../auth-flows/types.ts";
import { associateSecret, verifySecret } from "./software-token.ts";

/**
 * TOTP set up during sign-in (MFA_SETUP; docs/mfa.md#mfa_setup), as Amplify drives it: the challenge's
 * Session → AssociateSoftwareToken (SecretCode and a new Session) → VerifySoftwareToken with that
 * Session (Status and a new Session) → RespondToAuthChallenge MFA_SETUP with the last one. Each
 * Session is used once; a wrong code leaves it usable.
 */
async function setupUser(ctx: AuthContext, sessionId: string) {
  const state = await peekSession(ctx, sessionId, "MFA_SETUP");
  const user = state.sub === null ? null : await ctx.services.store.users.findBySub(ctx.pool.id, state.sub);
  if (!user) throw invalidSession();
  return { state, user };
}

export async function associateInSetup(
  ctx: AuthContext,
  sessionId: string,
): Promise<{ SecretCode: string; Session: string }> {
  const { state, user } = await setupUser(ctx, sessionId);
  if (state.mfa?.setup === "verified") throw invalidSession();
  const code = await associateSecret(ctx.services, ctx.pool, user, ctx.now);
  await takeSession(ctx, sessionId, "MFA_SETUP");
  const next = await openStep(ctx, "MFA_SETUP", state, { mfa: { ...state.mfa, setup: "associated" } });
  return { SecretCode: code, Session: next };
}

export async function verifyInSetup(
  ctx: AuthContext,
  sessionId: string,
  code: string,
  name: string | undefined,
): Promise<{ Status: "SUCCESS"; Session: string }> {
  const { state, user } = await setupUser(ctx, sessionId);
  if (state.mfa?.setup !== "associated") throw invalidSession();
  await verifySecret(ctx.services, ctx.pool, user, { code, name, now: ctx.now, enable: true });
  await takeSession(ctx, sessionId, "MFA_SETUP");
  const next = await openStep(ctx, "MFA_SETUP", state, { mfa: { ...state.mfa, setup: "verified" } });
  return { Status: "SUCCESS", Session: next };
}
