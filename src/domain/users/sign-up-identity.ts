import type { PoolConfig } from "../pools/pool.ts";
import { newUserIdentity } from "./new-user-identity.ts";

/**
 * Applies the pool's username model to a SignUp (docs/operations.md#username-models), as AdminCreateUser does (./new-user-identity.ts):
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
  return newUserIdentity(c, input, attributes);
}
