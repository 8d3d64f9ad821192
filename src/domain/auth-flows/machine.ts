import { errors } from "../errors/index.ts";
import { MFA_CODE_KEYS, respondMfaCode, respondMfaSetup, respondSelectMfaType } from "../mfa/challenge.ts";
import { respondDevicePasswordVerifier, respondDeviceSrpAuth } from "../mfa/devices.ts";
import { customAuthStart, customChallengeRespond } from "./custom-auth/index.ts";
import { respondNewPassword } from "./new-password.ts";
import { assertFlow, assertSecretHash, required } from "./params.ts";
import { passwordFlow } from "./password.ts";
import { refreshFlow } from "./refresh.ts";
import { invalidSession, resumeStep } from "./session.ts";
import { srpStart } from "./srp-start.ts";
import { srpVerify } from "./srp-verify.ts";
import type { AuthContext, AuthFlow, AuthOutcome, ChallengeName } from "./types.ts";
import { autoSignIn } from "./user-auth/auto-sign-in.ts";
import {
  answerOtp,
  answerWebAuthn,
  OTP_ANSWER_KEY,
  respondSelect,
  userAuthStart,
} from "./user-auth/index.ts";

type FlowStep = (ctx: AuthContext, params: Record<string, string>) => Promise<AuthOutcome>;
type ChallengeStep = (
  ctx: AuthContext,
  responses: Record<string, string>,
  session: string | undefined,
) => Promise<AuthOutcome>;

/**
 * The sign-in state machine. A flow starts with InitiateAuth/AdminInitiateAuth and ends in tokens or
 * a challenge; each challenge is answered with RespondToAuthChallenge and again ends in tokens or the
 * next challenge:
 *
 *   USER_PASSWORD_AUTH ───────────────┐
 *   USER_SRP_AUTH → PASSWORD_VERIFIER ─┴→ afterPasswordVerified ─┬→ MFA (docs/mfa.md) → device step → tokens
 *                                                                 └→ NEW_PASSWORD_REQUIRED → MFA → …
 *   MFA: SMS_MFA | EMAIL_OTP | SOFTWARE_TOKEN_MFA | SELECT_MFA_TYPE → … | MFA_SETUP
 *   device step: DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER → tokens (or tokens + NewDeviceMetadata)
 *   REFRESH_TOKEN_AUTH / REFRESH_TOKEN → tokens
 *   CUSTOM_AUTH → (docs/triggers.md) CUSTOM_CHALLENGE …
 *   USER_AUTH → SELECT_CHALLENGE / EMAIL_OTP / SMS_OTP / WEB_AUTHN / the password branches (./user-auth/start.ts)
 */
const FLOWS: Partial<Record<AuthFlow, FlowStep>> = {
  USER_PASSWORD_AUTH: passwordFlow,
  ADMIN_USER_PASSWORD_AUTH: passwordFlow,
  ADMIN_NO_SRP_AUTH: passwordFlow,
  USER_SRP_AUTH: srpStart,
  REFRESH_TOKEN_AUTH: refreshFlow,
  REFRESH_TOKEN: refreshFlow,
  CUSTOM_AUTH: customAuthStart,
};

const CHALLENGES: Partial<Record<ChallengeName, ChallengeStep>> = {
  PASSWORD_VERIFIER: (ctx, responses) => srpVerify(ctx, responses),
  NEW_PASSWORD_REQUIRED: respondNewPassword,
  CUSTOM_CHALLENGE: customChallengeRespond,
  // MFA and remembered devices (../mfa/, docs/mfa.md).
  SMS_MFA: async (ctx, r, s) => respondMfaCode(ctx, "SMS_MFA", r, await codeStep(ctx, "SMS_MFA", r, s)),
  // EMAIL_OTP is both an MFA challenge and a USER_AUTH first factor: what the session holds says which.
  EMAIL_OTP: async (ctx, r, s) => {
    const step = await codeStep(ctx, "EMAIL_OTP", r, s);
    return step.state.userAuth !== undefined
      ? answerOtp(ctx, "EMAIL_OTP", r, step)
      : respondMfaCode(ctx, "EMAIL_OTP", r, step);
  },
  SOFTWARE_TOKEN_MFA: async (ctx, r, s) =>
    respondMfaCode(ctx, "SOFTWARE_TOKEN_MFA", r, await codeStep(ctx, "SOFTWARE_TOKEN_MFA", r, s)),
  SELECT_MFA_TYPE: respondSelectMfaType,
  MFA_SETUP: respondMfaSetup,
  DEVICE_SRP_AUTH: respondDeviceSrpAuth,
  DEVICE_PASSWORD_VERIFIER: respondDevicePasswordVerifier,
  // USER_AUTH (./user-auth/, docs/authentication.md).
  SELECT_CHALLENGE: respondSelect,
  SMS_OTP: async (ctx, r, s) => answerOtp(ctx, "SMS_OTP", r, await codeStep(ctx, "SMS_OTP", r, s)),
  WEB_AUTHN: answerWebAuthn,
};

/** The answer keys of the code challenges (EMAIL_OTP's cover the USER_AUTH factor's too). */
const CODE_KEYS: Partial<Record<ChallengeName, readonly [string, ...string[]]>> = {
  ...MFA_CODE_KEYS,
  SMS_OTP: [OTP_ANSWER_KEY.SMS_OTP],
};

/**
 * A code challenge's session, opened once here and read, not used up (a wrong code may be typed
 * again on it). The code is asked for first: a request without one is refused as such, whatever its
 * session (`Missing required parameter EMAIL_OTP_CODE`).
 */
async function codeStep(
  ctx: AuthContext,
  name: ChallengeName,
  responses: Record<string, string>,
  session: string | undefined,
) {
  const keys = CODE_KEYS[name] ?? ["CODE"];
  if (!keys.some((k) => responses[k])) required(responses, keys[0]);
  return resumeStep(ctx, name, responses, session);
}

export async function startAuth(
  ctx: AuthContext,
  flow: AuthFlow,
  params: Record<string, string>,
  session?: string,
): Promise<AuthOutcome> {
  assertFlow(ctx.api, ctx.clientConfig, flow);
  // The top-level Session of InitiateAuth is USER_AUTH's alone: ConfirmSignUp's, for auto sign-in.
  if (flow === "USER_AUTH") return userAuthStart(ctx, params, session, autoSignIn);
  const step = FLOWS[flow];
  if (!step) throw errors.flowNotSupported(flow);
  return step(ctx, params);
}

/**
 * Every challenge response names USERNAME and, for clients with a secret, a SECRET_HASH over it
 * (docs/operations.md#respondtoauthchallenge, docs/srp.md#secret_hash). A challenge this server never issues can have no valid session.
 */
export async function respondToChallenge(
  ctx: AuthContext,
  name: ChallengeName,
  responses: Record<string, string>,
  session: string | undefined,
): Promise<AuthOutcome> {
  const username = required(responses, "USERNAME");
  assertSecretHash(ctx.services, ctx.client, username, responses);
  const step = CHALLENGES[name];
  if (!step) throw invalidSession();
  return step(ctx, responses, session);
}

/**
 * The managed-login page's sign-in (docs/oauth.md#the-pages-use-the-apis-code): the USER_PASSWORD_AUTH
 * flow itself — lookups, existence answers, lockout, triggers, equal work — whatever the client's
 * ExplicitAuthFlows say, as Cognito's hosted pages sign in regardless of them. The context is
 * `hosted`, so success ends in `signed-in` rather than tokens.
 */
export async function hostedSignIn(ctx: AuthContext, params: Record<string, string>): Promise<AuthOutcome> {
  if (!ctx.hosted) throw new Error("hostedSignIn needs a hosted context");
  return passwordFlow(ctx, params);
}
