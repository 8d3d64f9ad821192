import { type CognitoError, errors } from "../errors/index.ts";
import type { PoolConfig } from "../pools/pool.ts";
import { isEmailShaped, isPhoneShaped } from "./username.ts";

export interface NewUserIdentity {
  /** The internal username, or undefined when the pool generates it (= sub). */
  username: string | undefined;
  /** The attributes with the sign-in email/phone filled in from `Username` where the pool says so. */
  attributes: Record<string, string>;
}

/**
 * Decides the username of a user created by an administrator (docs/operations.md#username-models):
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
    throw usernameShapeError(ua);
  }
  const aa = c.AliasAttributes ?? [];
  if (aa.includes("email") && isEmailShaped(input)) {
    throw errors.usernameIsEmailAlias();
  }
  if (aa.includes("phone_number") && isPhoneShaped(input)) {
    // Same rule for phone aliases (docs/operations.md#username-models); the wording mirrors the email message (inferred).
    throw errors.usernameIsPhoneAlias();
  }
  return { username: input, attributes };
}

/** `Username should be an email.` is observed (docs/errors.md); the other two follow its pattern. */
function usernameShapeError(ua: readonly string[]): CognitoError {
  if (ua.includes("email") && ua.includes("phone_number")) return errors.usernameShouldBeEmailOrPhone();
  return ua.includes("email") ? errors.usernameShouldBeEmail() : errors.usernameShouldBePhone();
}
