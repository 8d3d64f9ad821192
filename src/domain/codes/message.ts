import { splitAtCode } from "../../messaging/content.ts";
import type { PoolConfig } from "../pools/pool.ts";
import type { CustomText } from "../trigger-calls/custom-message.ts";
import type { Medium } from "./delivery.ts";

/**
 * The text of a verification-code message from the pool's settings: VerificationMessageTemplate
 * first, then the older EmailVerificationMessage / EmailVerificationSubject / SmsVerificationMessage,
 * then Cognito's defaults. `{####}` is the code (Cognito's placeholder): the text is returned as the
 * parts around it, never filled, so the code is sealed apart from it (docs/security.md#secrets-at-rest). Sign-up and password-reset
 * codes use the same template, as in Cognito; a CustomMessage function's text (`custom`) comes first
 * (docs/triggers.md#custommessage, ../trigger-calls/custom-message.ts).
 */
const DEFAULT_BODY = "Your verification code is {####}. ";
const DEFAULT_SUBJECT = "Your verification code";

export function renderCodeMessage(
  c: PoolConfig,
  medium: Medium,
  custom?: CustomText,
): { subject: string | null; body: string[] } {
  const t = c.VerificationMessageTemplate ?? {};
  if (medium === "SMS") {
    const body = custom?.smsMessage ?? t.SmsMessage ?? c.SmsVerificationMessage ?? DEFAULT_BODY;
    return { subject: null, body: splitAtCode(body) };
  }
  const body = custom?.emailMessage ?? t.EmailMessage ?? c.EmailVerificationMessage ?? DEFAULT_BODY;
  const subject = custom?.emailSubject ?? t.EmailSubject ?? c.EmailVerificationSubject ?? DEFAULT_SUBJECT;
  return { subject, body: splitAtCode(body) };
}
