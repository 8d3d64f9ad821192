import { errors } from "../../errors/index.ts";
import { lookupForSignIn, reloadForProof } from "../../existence/decoy.ts";
import { credentialPair } from "../../existence/equal-work.ts";
import { allowedFirstFactors, type FirstFactor } from "../../pools/sign-in-policy.ts";
import { canonicalName } from "../../users/username.ts";
import { assertSecretHash, required } from "../params.ts";
import { checkPasswordFor } from "../password.ts";
import { screen } from "../screen.ts";
import { invalidSession, openStep, resumeStep, type SessionState, takeSession } from "../session.ts";
import { srpStartFor } from "../srp-start.ts";
import type { AuthContext, AuthOutcome } from "../types.ts";
import { maskedContext, RESPOND, refuseAs, START, type Subject, stepOf } from "./context.ts";
import {
  expand,
  isUserAuthChallenge,
  offeredChallenges,
  simulatedFactors,
  type UserAuthChallenge,
  userAuthMac,
  userFactors,
} from "./factors.ts";
import { startOtp } from "./otp.ts";
import { startWebAuthn } from "./passkey.ts";

/**
 * USER_AUTH, choice-based sign-in (docs/authentication.md#choice-based-sign-in-user_auth;
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html):
 *
 *   InitiateAuth USER_AUTH ─┬─ PREFERRED_CHALLENGE PASSWORD + PASSWORD ──→ the password check (../password.ts)
 *                           ├─ PREFERRED_CHALLENGE PASSWORD_SRP + SRP_A ─→ PASSWORD_VERIFIER (../srp-start.ts)
 *                           ├─ PREFERRED_CHALLENGE EMAIL_OTP / SMS_OTP ──→ EMAIL_OTP / SMS_OTP (./otp.ts)
 *                           ├─ PREFERRED_CHALLENGE WEB_AUTHN ────────────→ WEB_AUTHN (./passkey.ts)
 *                           └─ none, or one not offered ─→ SELECT_CHALLENGE + AvailableChallenges
 *   SELECT_CHALLENGE ANSWER=… (+ PASSWORD / SRP_A) ─→ the same branches
 *   Session from ConfirmSignUp ─→ tokens (./auto-sign-in.ts)
 *
 * The password factors end in afterPasswordVerified (MFA branches there); codes and passkeys in
 * ./finish.ts. Every name is answered with a challenge (./context.ts maskedContext).
 */
export async function userAuthStart(
  ctx: AuthContext,
  params: Record<string, string>,
  sessionId: string | undefined,
  autoSignIn: (ctx: AuthContext, typed: string, sessionId: string) => Promise<AuthOutcome>,
): Promise<AuthOutcome> {
  const typed = required(params, "USERNAME");
  const preferred = params.PREFERRED_CHALLENGE;
  // Checked before the lookup: it depends only on the request.
  if (preferred !== undefined && !isUserAuthChallenge(preferred))
    throw errors.challengeNotAvailable(preferred);
  assertSecretHash(ctx.services, ctx.client, typed, params);
  const ua = maskedContext(ctx);
  if (sessionId !== undefined) return autoSignIn(ua, typed, sessionId);
  // A password preference carries its secret: straight to the password flows, which mask as always.
  if (preferred === "PASSWORD") return checkPasswordFor(ua, typed, required(params, "PASSWORD"));
  if (preferred === "PASSWORD_SRP") return srpStartFor(ua, typed, required(params, "SRP_A"));
  const s = await subjectOf(ua, typed);
  if (preferred !== undefined && s.offered.includes(preferred)) return openChallenge(ua, s, preferred);
  return selectChallenge(ua, s);
}

/**
 * The lookup (even: ../../existence/decoy.ts), the screen (existence table rows `InitiateAuth
 * USER_AUTH`, PreAuthentication, the lockout check), the user's passkeys (read for every name), and
 * what to offer. A real user whose own factors meet none of the pool's is masked like an unknown name.
 */
async function subjectOf(ctx: AuthContext, typed: string): Promise<Subject> {
  const { services, pool } = ctx;
  const { user, decoy } = await lookupForSignIn(services, pool, typed);
  const s = await screen(ctx, typed, user, START);
  const passkeys = await services.store.passkeys.listFor(pool.id, user?.sub ?? "-");
  const mac = userAuthMac(services.secrets, pool, s.typedKey);
  const allowed = allowedFirstFactors(pool);
  const mine = user && !s.mask ? userFactors(user, passkeys.length) : new Set<FirstFactor>();
  const masked = user === null || s.mask || !allowed.some((f) => mine.has(f));
  const own: Set<FirstFactor> = masked ? new Set() : mine;
  const shownFactors = masked ? simulatedFactors(pool, typed, mac) : own;
  const choice = credentialPair(services, {
    pool,
    typed,
    canonical: s.typedKey,
    user,
    decoy,
    mask: masked,
    profile: ctx.profile,
    srp: false,
  });
  return {
    user: masked ? null : user,
    typed,
    typedKey: s.typedKey,
    lockKey: s.lockKey,
    state: s.state,
    shown: choice.shownUsername,
    own: new Set(expand([...own])),
    offered: offeredChallenges(pool, ctx.profile, shownFactors),
    mac,
  };
}

async function openChallenge(ctx: AuthContext, s: Subject, c: UserAuthChallenge): Promise<AuthOutcome> {
  if (c === "EMAIL_OTP" || c === "SMS_OTP") return startOtp(ctx, s, c);
  if (c === "WEB_AUTHN") return startWebAuthn(ctx, s);
  // PASSWORD and PASSWORD_SRP carry their secret and never reach here.
  throw errors.challengeNotAvailable(c);
}

/**
 * SELECT_CHALLENGE: the offered challenges as the top-level AvailableChallenges, an empty
 * ChallengeParameters (as in Cognito's samples) and a single-use Session.
 */
async function selectChallenge(ctx: AuthContext, s: Subject): Promise<AuthOutcome> {
  const session = await openStep(ctx, "SELECT_CHALLENGE", stepOf(s), {
    userAuth: { offered: s.offered, own: [...s.own], real: s.user !== null },
  });
  return { kind: "challenge", name: "SELECT_CHALLENGE", session, parameters: {}, available: s.offered };
}

/**
 * The SELECT_CHALLENGE answer: ANSWER names one of the offered challenges, with PASSWORD or SRP_A for
 * the password factors ("Complete authentication in the SELECT_CHALLENGE response for PASSWORD,
 * PASSWORD_SRP, and WEB_AUTHN", the API reference of RespondToAuthChallenge). Everything the request
 * alone can refuse is refused before the session is used up; then it is used up (single use).
 * WEB_AUTHN without CREDENTIAL is what Amplify sends: the reply is the WEB_AUTHN challenge with its
 * request options. With a CREDENTIAL there was no challenge to sign, so it fails as a wrong answer.
 */
export async function respondSelect(
  ctx: AuthContext,
  responses: Record<string, string>,
  sessionId: string | undefined,
): Promise<AuthOutcome> {
  const answer = required(responses, "ANSWER");
  const ua = maskedContext(ctx);
  const step = await resumeStep(ua, "SELECT_CHALLENGE", responses, sessionId);
  const { state } = step;
  const open = state.userAuth;
  if (!open) throw invalidSession();
  if (!isUserAuthChallenge(answer) || !open.offered.includes(answer))
    throw errors.challengeNotAvailable(answer);
  const password = answer === "PASSWORD" ? required(responses, "PASSWORD") : "";
  const A = answer === "PASSWORD_SRP" ? required(responses, "SRP_A") : "";
  await takeSession(ua, step.id, "SELECT_CHALLENGE");
  if (answer === "PASSWORD") return checkPasswordFor(ua, state.typed, password);
  if (answer === "PASSWORD_SRP") return srpStartFor(ua, state.typed, A);
  if (answer === "WEB_AUTHN" && responses.CREDENTIAL !== undefined) refuseAs(ua, RESPOND, "wrong-password");
  return openChallenge(ua, await subjectFromSession(ua, state), answer);
}

/** The subject again, from a SELECT_CHALLENGE session (one user read, or the decoy read when masked). */
async function subjectFromSession(ctx: AuthContext, state: SessionState): Promise<Subject> {
  const { services, pool } = ctx;
  const user = await reloadForProof(services, pool, state.sub);
  const typedKey = canonicalName(pool, state.typed);
  return {
    user: state.sub === null ? null : user,
    typed: state.typed,
    typedKey,
    lockKey: state.lockKey,
    state: state.state,
    shown: state.username,
    own: new Set(state.userAuth?.own ?? []),
    offered: state.userAuth?.offered ?? [],
    mac: userAuthMac(services.secrets, pool, typedKey),
  };
}
