import { splitAtCode } from "../../../messaging/content.ts";
import { chargeAttempt, chargeUserAttempt, clearAttempts, keepsAttempts } from "../../codes/attempts.ts";
import {
  type ContactAttribute,
  decoyOutboxName,
  decoySubjectFor,
  type Medium,
  maskTarget,
  type Target,
} from "../../codes/delivery.ts";
import { checkCode, consumeCode, issueCode, issueDecoy, type RenderedMessage } from "../../codes/issue.ts";
import { fabricatedEmailMask, fabricatedPhoneMask, maskEmail, maskPhone } from "../../codes/mask.ts";
import { reloadForProof } from "../../existence/decoy.ts";
import { existence } from "../../existence/index.ts";
import { poolConfig } from "../../pools/pool.ts";
import { canonicalName, shapeOf } from "../../users/username.ts";
import type { MessageText } from "../hooks.ts";
import { required } from "../params.ts";
import { invalidSession, openStep, type ResumedStep, takeSession } from "../session.ts";
import type { AuthContext, AuthOutcome } from "../types.ts";
import { maskedContext, RESPOND, refuseAs, type Subject, stepOf } from "./context.ts";
import { afterPasswordlessFactor } from "./finish.ts";

/**
 * EMAIL_OTP and SMS_OTP as first factors (docs/authentication.md#one-time-codes). A code is issued
 * through the outbox like every other code (6 digits, only an HMAC stored, the clear code sealed in
 * the message), with the usual request and entry budgets per name and per user
 * (../../codes/attempts.ts). The masked path — a name without a user, or a factor the user lacks in
 * the strict profile, or a spent budget — makes the same calls on the name's decoy code row and a
 * decoy outbox row, and answers a destination masked exactly like a real one
 * (docs/existence.md#user_auth-simulated-challenges). Every code entered for it fails as a wrong code
 * does: `CodeMismatchException: Invalid code or auth state for the user.`, the session staying usable
 * as Cognito's does after a wrong code.
 */
export type OtpChallenge = "EMAIL_OTP" | "SMS_OTP";

const MEDIUM: Record<OtpChallenge, Medium> = { EMAIL_OTP: "EMAIL", SMS_OTP: "SMS" };
const ATTRIBUTE: Record<OtpChallenge, ContactAttribute> = { EMAIL_OTP: "email", SMS_OTP: "phone_number" };
export const ANSWER_KEY: Record<OtpChallenge, string> = {
  EMAIL_OTP: "EMAIL_OTP_CODE",
  SMS_OTP: "SMS_OTP_CODE",
};
/** The counters' purpose: one budget for requesting and one for entering sign-in codes. */
const PURPOSE = "SignInCode";

/**
 * The sign-in code message: a CustomMessage_Authentication function's text first (`text`, from the
 * hook; ../hooks.ts), then the pool's SmsAuthenticationMessage for SMS; for email the
 * EmailMfaConfiguration template when the pool has one (SetUserPoolMfaConfig), else a default
 * (decision, docs/authentication.md#one-time-codes).
 */
function render(ctx: AuthContext, medium: Medium, text: MessageText | undefined): RenderedMessage {
  const c = poolConfig(ctx.pool) as ReturnType<typeof poolConfig> & {
    EmailMfaConfiguration?: { Message?: string; Subject?: string };
  };
  if (medium === "SMS") {
    return {
      subject: null,
      body: splitAtCode(
        text?.smsMessage ?? c.SmsAuthenticationMessage ?? "Your authentication code is {####}. ",
      ),
    };
  }
  return {
    subject: text?.emailSubject ?? c.EmailMfaConfiguration?.Subject ?? "Your authentication code",
    body: splitAtCode(
      text?.emailMessage ?? c.EmailMfaConfiguration?.Message ?? "Your authentication code is {####}. ",
    ),
  };
}

/** A masked destination for a name without that contact: the name itself when it is one, else fabricated. */
function simulatedDestination(typed: string, medium: Medium, mac: Buffer): string {
  const shape = shapeOf(typed);
  if (medium === "EMAIL") return shape === "email" ? maskEmail(typed) : fabricatedEmailMask(mac);
  return shape === "phone" ? maskPhone(typed) : fabricatedPhoneMask(mac);
}

export async function startOtp(ctx: AuthContext, s: Subject, challenge: OtpChallenge): Promise<AuthOutcome> {
  const { services, pool } = ctx;
  const medium = MEDIUM[challenge];
  const attribute = ATTRIBUTE[challenge];
  const address = s.user?.attributes[attribute];
  const charge = await chargeAttempt(services, {
    poolId: pool.id,
    purpose: PURPOSE,
    kind: "code-request",
    name: s.typedKey,
  });
  const withinBudget = await chargeUserAttempt(services, charge, s.user);
  // The user's own address for this challenge; null for a masked name or a user without it.
  const target: Target | null =
    s.user !== null && s.own.has(challenge) && address ? { attribute, medium, address } : null;
  const destination =
    target && ctx.profile === "cognito"
      ? maskTarget(target).Destination
      : simulatedDestination(s.typed, medium, s.mac);
  const decoy = decoySubjectFor(services.secrets, pool, "recovery", s.typed);
  // Whom a code really goes to: a user with that address, within the request budget.
  const recipient = target && withinBudget ? s.user : null;
  // CustomMessage on both paths, once (the masked call for the name as typed, marked userNotFound).
  const text = await ctx.hooks.customMessage({ user: recipient, username: s.typed });
  const rendered = render(ctx, medium, text);
  let codeSubject = decoy;
  if (recipient && target) {
    await issueCode(services, { pool, user: recipient, purpose: "SIGN_IN", target, rendered });
    codeSubject = recipient.sub;
  } else {
    const username = decoyOutboxName(pool, decoy, s.typed);
    const delivery = { DeliveryMedium: medium, Destination: destination };
    await issueDecoy(services, { pool, purpose: "SIGN_IN", decoy, username, delivery, rendered });
  }
  const proof = recipient && target ? { attribute, address: target.address } : undefined;
  const session = await openStep(ctx, challenge, stepOf(s), {
    userAuth: {
      offered: s.offered,
      own: [...s.own],
      real: codeSubject !== decoy,
      codeSubject,
      ...(proof ? { proof } : {}),
    },
  });
  return {
    kind: "challenge",
    name: challenge,
    session,
    parameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: medium,
      CODE_DELIVERY_DESTINATION: destination,
      USERNAME: s.shown,
    },
  };
}

/**
 * The code answer, on the session the state machine opened (read, not used up: ../machine.ts), so a
 * mistyped code can be typed again on it (Cognito: six wrong codes on one session each answered
 * CodeMismatchException); the entry budget bounds the guesses. A right code uses up both the code
 * and the session.
 */
export async function answerOtp(
  ctx: AuthContext,
  challenge: OtpChallenge,
  responses: Record<string, string>,
  step: ResumedStep,
): Promise<AuthOutcome> {
  const code = required(responses, ANSWER_KEY[challenge]);
  const ua = maskedContext(ctx);
  const { services, pool } = ua;
  const { state } = step;
  const open = state.userAuth;
  if (!open?.codeSubject) throw invalidSession();
  const charge = await chargeAttempt(services, {
    poolId: pool.id,
    purpose: PURPOSE,
    kind: "code-entry",
    name: canonicalName(pool, state.typed),
  });
  const user = await reloadForProof(services, pool, state.sub);
  const withinBudget = await chargeUserAttempt(services, charge, state.sub !== null ? user : null);
  // Asked for every session, real or simulated, at the same point; never a refusal here.
  const masked = existence.decideOrThrow(ua, RESPOND, state.state, services.probe) === "simulate";
  const check = await checkCode(services, {
    poolId: pool.id,
    subject: open.codeSubject,
    purpose: "SIGN_IN",
    code,
  });
  if (!open.real || masked || !user || !withinBudget || check.outcome !== "match" || !check.record) {
    refuseAs(ua, RESPOND, "wrong-code");
  }
  if (!(await consumeCode(services, check.record))) refuseAs(ua, RESPOND, "wrong-code");
  await takeSession(ua, step.id, challenge);
  await clearAttempts(services, charge, keepsAttempts(services, pool));
  // A right code also verifies the address it went to (../contact-proof.ts).
  return afterPasswordlessFactor(ua, user, open.proof);
}
