import { errors } from "../errors/catalogue.ts";
import type { PoolConfig } from "../pools/pool.ts";
import { isEmailShaped, isPhoneShaped } from "./username.ts";

export interface NewUserIdentity {
  /** The internal username, or undefined when the pool generates it (= sub). */
  username: string | undefined;
  /** The attributes with the sign-in email/phone filled in from `Username` where the pool says so. */
  attributes: Record<string, string>;
}

/**
 * Decides the username of a user created by an administrator (spec C):
 * - UsernameAttributes pools: `Username` must be an email / phone number as the pool allows; it is
 *   copied into the `email` / `phone_number` attribute (overriding a value given in UserAttributes) and
 *   the internal username is generated ("Amazon Cognito automatically generates a username value",
 *   AdminCreateUser API reference);
 * - alias pools: a username shaped like an alias the pool uses is refused, as Cognito does for email;
 * - plain pools: any valid username.
 */
export function newUserIdentity(
  c: PoolConfig,
  input: string,
  attributes: Record<string, string>,
): NewUserIdentity {
  const ua = c.UsernameAttributes ?? [];
  if (ua.length > 0) {
    if (ua.includes("email") && isEmailShaped(input)) {
      return { username: undefined, attributes: { ...attributes, email: input } };
    }
    if (ua.includes("phone_number") && isPhoneShaped(input)) {
      return { username: undefined, attributes: { ...attributes, phone_number: input } };
    }
    throw errors.invalidParameter(usernameShapeMessage(ua));
  }
  const aa = c.AliasAttributes ?? [];
  if (aa.includes("email") && isEmailShaped(input)) {
    throw errors.invalidParameter(
      "Username cannot be of email format, since user pool is configured for email alias.",
    );
  }
  if (aa.includes("phone_number") && isPhoneShaped(input)) {
    // Same rule for phone aliases (spec C); the wording mirrors the email message (inferred).
    throw errors.invalidParameter(
      "Username cannot be of phone number format, since user pool is configured for phone number alias.",
    );
  }
  return { username: input, attributes };
}

/** `Username should be an email.` is observed (spec A.0); the other two follow its pattern. */
function usernameShapeMessage(ua: readonly string[]): string {
  if (ua.includes("email") && ua.includes("phone_number")) {
    return "Username should be either an email or a phone number.";
  }
  return ua.includes("email") ? "Username should be an email." : "Username should be a phone number.";
}
