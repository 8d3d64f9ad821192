import type { ServerSecrets } from "../../../crypto/server-secrets.ts";
import type { PoolRecord, UserRecord } from "../../../storage/ports.ts";
import type { ExistenceProfile } from "../../existence/profile.ts";
import { poolConfig } from "../../pools/pool.ts";
import { allowedFirstFactors, type FirstFactor } from "../../pools/sign-in-policy.ts";
import { shapeOf } from "../../users/username.ts";

/**
 * Which challenges choice-based sign-in offers (docs/authentication.md#which-challenges-are-offered).
 * `AvailableChallenges` is the pool's AllowedFirstAuthFactors, in the pool's order, narrowed to the
 * factors the user can answer, with PASSWORD offered as both PASSWORD and PASSWORD_SRP
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html,
 * AvailableChallenges).
 */
export type UserAuthChallenge = "PASSWORD" | "PASSWORD_SRP" | "EMAIL_OTP" | "SMS_OTP" | "WEB_AUTHN";

export const USER_AUTH_CHALLENGES: readonly UserAuthChallenge[] = [
  "PASSWORD",
  "PASSWORD_SRP",
  "EMAIL_OTP",
  "SMS_OTP",
  "WEB_AUTHN",
];

export const isUserAuthChallenge = (v: string): v is UserAuthChallenge =>
  (USER_AUTH_CHALLENGES as readonly string[]).includes(v);

/** The factor a challenge belongs to. */
export const factorOf = (c: UserAuthChallenge): FirstFactor => (c === "PASSWORD_SRP" ? "PASSWORD" : c);

/** The pool's factors as challenges, in the pool's order. */
export function expand(factors: readonly FirstFactor[]): UserAuthChallenge[] {
  return factors.flatMap((f): UserAuthChallenge[] => (f === "PASSWORD" ? ["PASSWORD", "PASSWORD_SRP"] : [f]));
}

/**
 * The factors a real user can answer: a password (not while a reset is required), an email or phone
 * number for codes, a registered passkey. The address need not be verified: a right code verifies it,
 * as an SMS or email MFA code does (../contact-proof.ts; decision, docs/authentication.md#one-time-codes).
 * So a pool that collects an attribute offers its code to every user who has it, as the simulated
 * factors of a name without a user assume (`simulatedFactors`).
 */
export function userFactors(user: UserRecord, passkeys: number): Set<FirstFactor> {
  const out = new Set<FirstFactor>();
  if (user.credential !== null && user.status !== "RESET_REQUIRED") out.add("PASSWORD");
  if (user.attributes.email) out.add("EMAIL_OTP");
  if (user.attributes.phone_number) out.add("SMS_OTP");
  if (passkeys > 0) out.add("WEB_AUTHN");
  return out;
}

/**
 * The factors a name without a user is shown, in the cognito profile: what a user of the pool who
 * typed that name would most plausibly have, decided once per (pool, name) by an HMAC under the
 * server's secret seed, so that asking again gives the same answer, as it does for a real user
 * (docs/existence.md#user_auth-simulated-challenges):
 * - PASSWORD: always (every pool allows it, and users without one are the exception);
 * - EMAIL_OTP / SMS_OTP: when the pool collects that contact (a username attribute, an alias, an
 *   auto-verified or required attribute) or the name itself is one;
 * - WEB_AUTHN: for one name in two, by the MAC (AWS: "a random selection from the challenge types
 *   allowed for the user pool").
 * The strict profile does not use this: there every name is offered every factor (`offeredChallenges`).
 */
export function simulatedFactors(pool: PoolRecord, typed: string, mac: Buffer): Set<FirstFactor> {
  const c = poolConfig(pool);
  const collects = (attr: "email" | "phone_number") =>
    (c.UsernameAttributes ?? []).includes(attr) ||
    (c.AliasAttributes ?? []).includes(attr) ||
    (c.AutoVerifiedAttributes ?? []).includes(attr) ||
    c.SchemaAttributes.some((a) => a.Name === attr && a.Required);
  const shape = shapeOf(typed);
  const out = new Set<FirstFactor>(["PASSWORD"]);
  if (collects("email") || shape === "email") out.add("EMAIL_OTP");
  if (collects("phone_number") || shape === "phone") out.add("SMS_OTP");
  if (((mac[20] ?? 0) & 1) === 1) out.add("WEB_AUTHN");
  return out;
}

/** The MAC behind every simulated USER_AUTH value of a name (factors, masks, passkey ids). */
export const userAuthMac = (secrets: ServerSecrets, pool: PoolRecord, canonical: string): Buffer =>
  secrets.mac("user-auth", pool.id, canonical);

/**
 * What AvailableChallenges shows. `strict`: every factor the pool allows, for every name (a real
 * user's own factors would tell them apart); `cognito`: the user's own factors, or the simulated ones
 * for a masked name.
 */
export function offeredChallenges(
  pool: PoolRecord,
  profile: ExistenceProfile,
  own: Set<FirstFactor>,
): UserAuthChallenge[] {
  const allowed = allowedFirstFactors(pool);
  if (profile === "strict") return expand(allowed);
  return expand(allowed.filter((f) => own.has(f)));
}
