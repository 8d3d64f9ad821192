import { errors } from "../protocol/errors.ts";
import type { PoolConfig } from "./pool.ts";
import { isEmailShaped, isPhoneShaped } from "./username.ts";

/**
 * Applies the pool's username model to a SignUp (spec C):
 * - UsernameAttributes: the Username must be an email / phone number; it becomes that attribute, and
 *   the internal username is the sub (newUserRecord does that), so `username` is undefined;
 * - AliasAttributes: a Username shaped like an alias that the pool uses is refused;
 * - plain pools: the Username as given.
 * Verification flags cannot be set by the person signing up: only a code verifies (decision).
 */
export function signUpIdentity(
  c: PoolConfig,
  input: string,
  given: Record<string, string>,
): { username: string | undefined; attributes: Record<string, string> } {
  const { email_verified: _e, phone_number_verified: _p, ...attributes } = given;
  const ua = c.UsernameAttributes ?? [];
  if (ua.length > 0) {
    const email = ua.includes("email") && isEmailShaped(input);
    const phone = ua.includes("phone_number") && isPhoneShaped(input);
    if (!email && !phone) throw errors.invalidParameter(usernameShapeMessage(ua));
    return { username: undefined, attributes: { ...attributes, [email ? "email" : "phone_number"]: input } };
  }
  const aa = c.AliasAttributes ?? [];
  if (aa.includes("email") && isEmailShaped(input)) {
    throw errors.invalidParameter(
      "Username cannot be of email format, since user pool is configured for email alias.",
    );
  }
  if (aa.includes("phone_number") && isPhoneShaped(input)) {
    throw errors.invalidParameter(
      "Username cannot be of phone number format, since user pool is configured for phone number alias.",
    );
  }
  return { username: input, attributes };
}

/** `Username should be an email.` is Cognito's (spec A.0); the other two follow its pattern (decision). */
function usernameShapeMessage(ua: readonly string[]): string {
  if (ua.includes("email") && ua.includes("phone_number"))
    return "Username should be either an email or a phone number.";
  return ua.includes("email") ? "Username should be an email." : "Username should be a phone number.";
}
