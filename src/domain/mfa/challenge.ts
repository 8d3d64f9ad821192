import { safeEqual } from "../../crypto/server-secrets.ts";
import type { UserRecord } from "../../storage/ports.ts";
import { type ContactProof, markProven } from "../auth-flows/contact-proof.ts";
import { required } from "../auth-flows/params.ts";
import {
  type MfaSessionState,
  openStep,
  type ResumedStep,
  resumeStep,
  type SessionState,
  takeSession,
} from "../auth-flows/session.ts";
import type { AuthContext, AuthOutcome, ChallengeName } from "../auth-flows/types.ts";
import { ATTEMPT_LIMITS } from "../codes/attempts.ts";
import { codeHash } from "../codes/issue.ts";
import { maskEmail, maskPhone } from "../codes/mask.ts";
import { errors } from "../errors/index.ts";
import { newNumericCode } from "../ids.ts";
import { inTransaction } from "../transaction.ts";
import { updateUser } from "../users/update-user.ts";
import {
  deviceSkipsMfa,
  finishSignIn,
  mfaCarry,
  mfaSubject,
  type ProvenFirst,
  sessionUser,
} from "./devices.ts";
import { type MfaFactor, poolFactors, poolMfa } from "./pool-mfa.ts";
import { DEFAULT_TOTP_NAME } from "./software-token.ts";
import { acceptTotp } from "./totp.ts";
import { enabledFactors, userMfa, withMfa } from "./user-mfa.ts";

const MFA_PURPOSE = "MFA";
const DEFAULT_SMS = "Your authentication code is {####}. ";
const DEFAULT_EMAIL = "Your authentication code is {####}.";
const DEFAULT_SUBJECT = "Your authentication code";

/**
 * The MFA step of sign-in (docs/mfa.md#sign-in-with-mfa), entered only after a correct password or
 * SRP proof (../auth-flows/next-step.ts afterPasswordVerified) or a completed NEW_PASSWORD_REQUIRED,
 * so a wrong or unknown password never reaches it and PreventUserExistenceErrors is not involved:
 *
 *   pool OFF, or OPTIONAL and no method enabled, or a remembered device → the device step (./devices.ts)
 *   methods enabled: the preferred one, else the only one, else SELECT_MFA_TYPE
 *   ON and none enabled: SMS_MFA to a phone_number, else EMAIL_OTP to an email, else MFA_SETUP
 *
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html). SMS and
 * email codes are 6 digits, live as long as the challenge session (the client's AuthSessionValidity),
 * are stored only as an HMAC and go out through the outbox, sealed. What follows a proven first
 * factor: an MFA challenge, or the device step.
 */
export async function afterFirstFactor(
  ctx: AuthContext,
  user: UserRecord,
  first: ProvenFirst,
): Promise<AuthOutcome> {
  const challenge = await mfaChallengeFor(ctx, user, first);
  return challenge ?? finishSignIn(ctx, user, first);
}

async function mfaChallengeFor(
  ctx: AuthContext,
  user: UserRecord,
  first: ProvenFirst,
): Promise<AuthOutcome | null> {
  const pool = poolMfa(ctx.pool);
  if (pool.mode === "OFF") return null;
  const offered = poolFactors(pool);
  // A user's verified TOTP keeps working after the pool turns TOTP off (AWS, TOTP MFA page).
  const enabled = enabledFactors(userMfa(user)).filter(
    (f) => f === "SOFTWARE_TOKEN_MFA" || offered.includes(f),
  );
  if (enabled.length === 0 && pool.mode === "OPTIONAL") return null;
  if (await deviceSkipsMfa(ctx, user, first.deviceKey)) return null;
  const m = userMfa(user);
  if (enabled.length > 0) {
    const chosen =
      m.preferred && enabled.includes(m.preferred) ? m.preferred : enabled.length === 1 ? enabled[0] : null;
    if (chosen) return challenge(ctx, user, first, chosen);
    return listChallenge(ctx, user, first, "SELECT_MFA_TYPE", enabled);
  }
  if (offered.includes("SMS_MFA") && user.attributes.phone_number)
    return challenge(ctx, user, first, "SMS_MFA");
  if (offered.includes("EMAIL_OTP") && user.attributes.email) return challenge(ctx, user, first, "EMAIL_OTP");
  return listChallenge(ctx, user, first, "MFA_SETUP", offered);
}

/** Opens the session of an MFA step for the user, carrying `mfa`. */
const openMfaStep = (
  ctx: AuthContext,
  user: UserRecord,
  first: ProvenFirst,
  name: ChallengeName,
  mfa: MfaSessionState,
): Promise<string> => openStep(ctx, name, mfaSubject(user, first), { mfa: mfaCarry(first, mfa) });

/** The challenge of one factor: SMS_MFA / EMAIL_OTP send a code first; SOFTWARE_TOKEN_MFA names the device. */
async function challenge(
  ctx: AuthContext,
  user: UserRecord,
  first: ProvenFirst,
  factor: MfaFactor,
): Promise<AuthOutcome> {
  if (factor === "SOFTWARE_TOKEN_MFA") {
    const session = await openMfaStep(ctx, user, first, factor, {});
    return {
      kind: "challenge",
      name: factor,
      session,
      parameters: {
        FRIENDLY_DEVICE_NAME: userMfa(user).totpName ?? DEFAULT_TOTP_NAME,
        USER_ID_FOR_SRP: user.username,
      },
    };
  }
  const delivery = await sendCode(ctx, user, factor);
  const session = await openMfaStep(ctx, user, first, factor, {
    destination: delivery.destination,
    proof: delivery.proof,
  });
  return {
    kind: "challenge",
    name: factor,
    session,
    parameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: delivery.medium,
      CODE_DELIVERY_DESTINATION: delivery.destination,
      USER_ID_FOR_SRP: user.username,
    },
  };
}

/**
 * SELECT_MFA_TYPE (the enabled factors, MFAS_CAN_CHOOSE) or MFA_SETUP (the pool's factors,
 * MFAS_CAN_SETUP): the list as a JSON string, kept in the session as what may be answered.
 */
async function listChallenge(
  ctx: AuthContext,
  user: UserRecord,
  first: ProvenFirst,
  name: "SELECT_MFA_TYPE" | "MFA_SETUP",
  factors: MfaFactor[],
): Promise<AuthOutcome> {
  const session = await openMfaStep(ctx, user, first, name, { offered: factors });
  const key = name === "SELECT_MFA_TYPE" ? "MFAS_CAN_CHOOSE" : "MFAS_CAN_SETUP";
  return {
    kind: "challenge",
    name,
    session,
    parameters: { [key]: JSON.stringify(factors), USER_ID_FOR_SRP: user.username },
  };
}

/** Issues an SMS or email MFA code: one code row (an HMAC) and one sealed outbox message, one transaction. */
async function sendCode(
  ctx: AuthContext,
  user: UserRecord,
  factor: "SMS_MFA" | "EMAIL_OTP",
): Promise<{ medium: "SMS" | "EMAIL"; destination: string; proof: ContactProof }> {
  const medium = factor === "SMS_MFA" ? "SMS" : "EMAIL";
  const attribute = medium === "SMS" ? "phone_number" : "email";
  const address = user.attributes[attribute];
  if (!address) throw errors.mfaMethodNotFound();
  const pool = poolMfa(ctx.pool);
  // A CustomMessage function's text comes first (CustomMessage_Authentication, docs/triggers.md#custommessage).
  const text = await ctx.hooks.customMessage({ user, username: user.username });
  const template =
    medium === "SMS"
      ? (text?.smsMessage ?? pool.smsMessage ?? DEFAULT_SMS)
      : (text?.emailMessage ?? pool.email?.Message ?? DEFAULT_EMAIL);
  const code = newNumericCode(6);
  const { services } = ctx;
  await inTransaction({ store: services.store, messenger: services.messenger }, async (tx) => {
    await tx.store.codes.put({
      poolId: ctx.pool.id,
      subject: user.sub,
      purpose: MFA_PURPOSE,
      codeHash: codeHash(services, ctx.pool.id, user.sub, MFA_PURPOSE, code),
      createdAt: ctx.now,
      expiresAt: ctx.now + ctx.clientConfig.AuthSessionValidity * 60_000,
    });
    await tx.messenger.enqueue({
      poolId: ctx.pool.id,
      username: user.username,
      sub: user.sub,
      medium,
      destination: address,
      subject: medium === "EMAIL" ? (text?.emailSubject ?? pool.email?.Subject ?? DEFAULT_SUBJECT) : null,
      body: template.split("{####}"),
      code,
      purpose: MFA_PURPOSE,
    });
  });
  return {
    medium,
    destination: medium === "SMS" ? maskPhone(address) : maskEmail(address),
    proof: { attribute, address },
  };
}

/** The answer keys of the code challenges (../auth-flows/machine.ts asks for one before the session). */
export const MFA_CODE_KEYS: Readonly<
  Record<"SMS_MFA" | "EMAIL_OTP" | "SOFTWARE_TOKEN_MFA", readonly [string, ...string[]]>
> = {
  SMS_MFA: ["SMS_MFA_CODE"],
  // EMAIL_MFA_CODE is the key one API page names; EMAIL_OTP_CODE is what Amplify sends.
  EMAIL_OTP: ["EMAIL_OTP_CODE", "EMAIL_MFA_CODE"],
  SOFTWARE_TOKEN_MFA: ["SOFTWARE_TOKEN_MFA_CODE"],
};

const firstOf = (state: SessionState): ProvenFirst => ({
  typed: state.typed,
  lockKey: state.lockKey,
  deviceKey: state.mfa?.deviceKey,
  source: state.mfa?.source ?? "TokenGeneration_Authentication",
});

/**
 * The answer to SMS_MFA, EMAIL_OTP or SOFTWARE_TOKEN_MFA. A wrong code (`Invalid code received for
 * user`) leaves the session usable, so the user can type again; every entry is charged to the user's
 * code budget (10 an hour, as other codes: ../codes/attempts.ts), past which `LimitExceededException`.
 * A right code uses the session up (single use) and the code too; a TOTP code is accepted at most once.
 */
export async function respondMfaCode(
  ctx: AuthContext,
  name: "SMS_MFA" | "EMAIL_OTP" | "SOFTWARE_TOKEN_MFA",
  responses: Record<string, string>,
  step: ResumedStep,
): Promise<AuthOutcome> {
  const keys = MFA_CODE_KEYS[name];
  const key = keys.find((k) => responses[k] !== undefined) ?? keys[0] ?? "";
  const code = required(responses, key);
  const { id, state } = step;
  const user = await sessionUser(ctx, state);
  const { services, pool } = ctx;
  const budgetKey = services.secrets.macHex("counter-user", pool.id, "MfaCode", `sub:${user.sub}`);
  const limit = ATTEMPT_LIMITS["code-entry"];
  if (!(await services.store.counters.claim(budgetKey, ctx.now, { ...limit }))) throw errors.attemptLimit();

  if (name === "SOFTWARE_TOKEN_MFA") {
    const sealed = userMfa(user).totpSecret;
    if (!sealed) throw errors.mfaMethodNotFound();
    await acceptTotp(
      services,
      { poolId: pool.id, sub: user.sub, sealed, code, now: ctx.now },
      errors.mfaCodeMismatch,
    );
    await takeSession(ctx, id, name);
  } else {
    const record = await services.store.codes.get(pool.id, user.sub, MFA_PURPOSE);
    const equal = safeEqual(
      codeHash(services, pool.id, user.sub, MFA_PURPOSE, code),
      record?.codeHash ?? "-".repeat(64),
    );
    if (!record || !equal || record.expiresAt <= ctx.now) throw errors.mfaCodeMismatch();
    await takeSession(ctx, id, name);
    if (!(await services.store.codes.take(pool.id, user.sub, MFA_PURPOSE, record.codeHash))) {
      throw errors.mfaCodeMismatch();
    }
  }
  await services.store.counters.clear(budgetKey);
  // A right SMS or email code verifies the address it went to (../auth-flows/contact-proof.ts).
  const proven = await markProven(ctx, user, state.mfa?.proof);
  // Clients that learn their device key late (amazon-cognito-identity-js) send it with the MFA answer.
  const first = firstOf(state);
  return finishSignIn(ctx, proven, { ...first, deviceKey: first.deviceKey ?? responses.DEVICE_KEY });
}

/** SELECT_MFA_TYPE: ANSWER names one of MFAS_CAN_CHOOSE (EMAIL_MFA is taken for EMAIL_OTP); its challenge follows. */
export async function respondSelectMfaType(
  ctx: AuthContext,
  responses: Record<string, string>,
  sessionId: string | undefined,
): Promise<AuthOutcome> {
  const answer = required(responses, "ANSWER");
  const { id, state } = await resumeStep(ctx, "SELECT_MFA_TYPE", responses, sessionId);
  const user = await sessionUser(ctx, state);
  const factor = (answer === "EMAIL_MFA" ? "EMAIL_OTP" : answer) as MfaFactor;
  if (!state.mfa?.offered?.includes(factor)) throw errors.mfaTypeNotOffered();
  await takeSession(ctx, id, "SELECT_MFA_TYPE");
  return challenge(ctx, user, firstOf(state), factor);
}

/**
 * MFA_SETUP: answered with the Session of VerifySoftwareToken (TOTP set up and enabled there), or with
 * EMAIL (when EMAIL_OTP is offered): the address is stored, unverified, email MFA is enabled, and an
 * EMAIL_OTP challenge to it follows (decision, docs/mfa.md#mfa_setup).
 */
export async function respondMfaSetup(
  ctx: AuthContext,
  responses: Record<string, string>,
  sessionId: string | undefined,
): Promise<AuthOutcome> {
  const { id, state } = await resumeStep(ctx, "MFA_SETUP", responses, sessionId);
  const user = await sessionUser(ctx, state);
  const email = responses.EMAIL;
  if (email !== undefined && state.mfa?.offered?.includes("EMAIL_OTP")) {
    const saved = await updateUser({ store: ctx.services.store }, ctx.pool, user, (u) => {
      const m = { ...userMfa(u), email: true };
      m.preferred ??= "EMAIL_OTP";
      const next = withMfa(u, m, ctx.now);
      return { ...next, attributes: { ...next.attributes, email, email_verified: "false" } };
    });
    await takeSession(ctx, id, "MFA_SETUP");
    return challenge(ctx, saved, firstOf(state), "EMAIL_OTP");
  }
  if (state.mfa?.setup !== "verified") throw errors.mfaSetupIncomplete();
  await takeSession(ctx, id, "MFA_SETUP");
  return finishSignIn(ctx, user, firstOf(state));
}
