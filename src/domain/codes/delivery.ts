import type { ServerSecrets } from "../../crypto/server-secrets.ts";
import type { PoolRecord, UserRecord } from "../../storage/ports.ts";
import type { ExistenceProfile } from "../existence/profile.ts";
import { poolConfig } from "../pools/pool.ts";
import { canonicalName, shapeOf } from "../users/username.ts";
import { fabricatedEmailMask, fabricatedPhoneMask, maskEmail, maskPhone } from "./mask.ts";

export type Medium = "EMAIL" | "SMS";
export type ContactAttribute = "email" | "phone_number";

/** CodeDeliveryDetailsType, keys in the order Cognito sends them. */
export interface CodeDeliveryDetails {
  AttributeName: ContactAttribute;
  DeliveryMedium: Medium;
  Destination: string;
}

/** Where a real code goes (unmasked; never leaves the server except in the message itself). */
export interface Target {
  attribute: ContactAttribute;
  medium: Medium;
  address: string;
}

/**
 * What a code-sending request needs, computed the same way for every name (docs/existence.md#equal-work):
 * `real` is where a real code would go; `masked` is the answer of the masked path; `shown` is the
 * answer of the real path; `decoy` is the subject of the decoy code row the masked path writes
 * (./issue.ts). One MAC per plan, user or not.
 */
export interface DeliveryPlan {
  real: Target | null;
  masked: CodeDeliveryDetails;
  shown: CodeDeliveryDetails | null;
  decoy: string;
}

/**
 * The one MAC behind every simulated value of a name in a pool: the fabricated destination and the
 * decoy subject. Keyed by the canonical name as typed, so every operation derives the same values.
 */
export const nameMac = (secrets: ServerSecrets, pool: PoolRecord, input: string): Buffer =>
  secrets.mac("delivery", pool.id, canonicalName(pool, input));

/**
 * The subject of the decoy code row the masked path writes and reads: 36 characters like a sub, never
 * a UUID. Its lifecycle copies the real row's, so both paths insert, update and find rows alike:
 * - recovery codes: one row per name, because a real user's FORGOT_PASSWORD row exists only once a
 *   code was requested (first request an insert, later ones updates; a check finds a row only after a
 *   request);
 * - sign-up codes: 256 rows per pool shared by all names (picked by one MAC byte), because a real
 *   unconfirmed user's SIGN_UP row always exists (written by SignUp), so ResendConfirmationCode
 *   updates it and ConfirmSignUp finds it.
 */
export function decoySubject(mac: Buffer, channel: Channel): string {
  if (channel === "recovery") return `decoy-${mac.subarray(0, 15).toString("hex")}`;
  return signUpDecoySubject(mac[15] ?? 0);
}

const signUpDecoySubject = (byte: number): string => `decoy-${byte.toString(16).padStart(30, "0")}`;

/**
 * The username a decoy outbox row carries: as long as the username a real row for the typed name
 * would carry (the sub, 36 characters, in a pool with UsernameAttributes; otherwise the name as
 * typed), hex taken from the decoy subject, never the typed name itself. The outbox row and its
 * (pool, username) index entry are then the size a real one would be: a 36-character decoy name
 * against 7-character real ones cost about 1–2 µs more per insert and commit on SQLite, measured
 * (docs/performance.md#existence-oracles-in-both-profiles).
 */
export function decoyOutboxName(pool: PoolRecord, decoy: string, typed: string): string {
  const length = poolConfig(pool).UsernameAttributes?.length ? 36 : Math.max(1, typed.length);
  const hex = decoy.slice("decoy-".length);
  return hex.repeat(Math.ceil(length / hex.length)).slice(-length);
}

/** Every sign-up decoy subject of a pool (./decoy-rows.ts keeps their rows). */
export const SIGN_UP_DECOY_SUBJECTS: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  signUpDecoySubject(b),
);

/** `decoySubject(nameMac(…))`: for code-entry operations, which must compute it on both paths. */
export const decoySubjectFor = (
  secrets: ServerSecrets,
  pool: PoolRecord,
  channel: Channel,
  input: string,
): string => decoySubject(nameMac(secrets, pool, input), channel);

/** "recovery": ForgotPassword codes; "sign-up": SignUp / ResendConfirmationCode codes. */
export type Channel = "recovery" | "sign-up";

const ATTRIBUTE: Record<Medium, ContactAttribute> = { EMAIL: "email", SMS: "phone_number" };
const LEGACY_ORDER: readonly Medium[] = ["SMS", "EMAIL"];

/**
 * The media a channel may use, in order. Recovery: AccountRecoverySetting by Priority, or Cognito's
 * legacy order (verified phone, then verified email) without it (docs/operations.md#forgotpassword). Sign-up: the pool's
 * AutoVerifiedAttributes, phone first when both are set (decision, docs/existence.md).
 */
export function channelMedia(pool: PoolRecord, channel: Channel): Medium[] {
  const c = poolConfig(pool);
  const auto = c.AutoVerifiedAttributes ?? [];
  if (channel === "sign-up") return LEGACY_ORDER.filter((m) => auto.includes(ATTRIBUTE[m]));
  const mechanisms = c.AccountRecoverySetting?.RecoveryMechanisms;
  if (!mechanisms) return [...LEGACY_ORDER];
  return [...mechanisms]
    .sort((a, b) => a.Priority - b.Priority)
    .flatMap((m): Medium[] =>
      m.Name === "verified_email" ? ["EMAIL"] : m.Name === "verified_phone_number" ? ["SMS"] : [],
    );
}

/** The pool sends no recovery codes at all: AccountRecoverySetting names admin_only (docs/operations.md#forgotpassword). */
export function recoveryIsAdminOnly(pool: PoolRecord): boolean {
  return (
    poolConfig(pool).AccountRecoverySetting?.RecoveryMechanisms.some((m) => m.Name === "admin_only") ?? false
  );
}

/** The user's first contact on `media`; `verified` requires `<attr>_verified = "true"`. */
export function contactOf(user: UserRecord, media: readonly Medium[], verified: boolean): Target | null {
  for (const medium of media) {
    const attribute = ATTRIBUTE[medium];
    const address = user.attributes[attribute];
    if (!address) continue;
    if (verified && user.attributes[`${attribute}_verified`] !== "true") continue;
    return { attribute, medium, address };
  }
  return null;
}

export function maskTarget(t: Target): CodeDeliveryDetails {
  return {
    AttributeName: t.attribute,
    DeliveryMedium: t.medium,
    Destination: t.medium === "EMAIL" ? maskEmail(t.address) : maskPhone(t.address),
  };
}

/**
 * The simulated answer for a name without a user (docs/existence.md#simulated-codedeliverydetails): the input's own shape when the channel
 * may use that medium (masked like a real address), otherwise the channel's first medium with a
 * destination fabricated from the MAC. For ForgotPassword in a pool without AccountRecoverySetting the
 * medium list is the legacy order narrowed to what the pool verifies, or the whole legacy order when
 * it verifies nothing: the masked path never answers InvalidParameterException (docs/existence.md).
 */
export function simulatedDelivery(
  pool: PoolRecord,
  channel: Channel,
  input: string,
  mac: Buffer,
): CodeDeliveryDetails {
  let media = channelMedia(pool, channel);
  if (channel === "recovery" && !poolConfig(pool).AccountRecoverySetting) {
    const auto = poolConfig(pool).AutoVerifiedAttributes ?? [];
    const narrowed = media.filter((m) => auto.includes(ATTRIBUTE[m]));
    if (narrowed.length > 0) media = narrowed;
  }
  const shape = shapeOf(input);
  if (shape === "email" && media.includes("EMAIL"))
    return maskTarget({ attribute: "email", medium: "EMAIL", address: input });
  if (shape === "phone" && media.includes("SMS")) {
    return maskTarget({ attribute: "phone_number", medium: "SMS", address: input });
  }
  const medium = media[0] ?? "EMAIL";
  return {
    AttributeName: ATTRIBUTE[medium],
    DeliveryMedium: medium,
    Destination: medium === "EMAIL" ? fabricatedEmailMask(mac) : fabricatedPhoneMask(mac),
  };
}

/**
 * Plans a code delivery for `input` (the name as typed) and the user found for it, if any. `real`
 * needs a verified contact for recovery and any contact for sign-up codes.
 * - cognito profile: the real path answers the real target, masked, as Cognito does. The masked answer
 *   for an existing user is their own contact, masked (so a user's answer does not change when they
 *   are disabled, and ForgotPassword and ResendConfirmationCode agree); for no user, `simulatedDelivery`.
 * - strict profile: every answer, real path included, is `simulatedDelivery` of the typed name, a
 *   function of the name and the pool's settings only; the code still goes to the real target. A real
 *   user's own medium and letters would otherwise tell them apart (docs/existence.md#the-strict-profile).
 */
export function planDelivery(
  secrets: ServerSecrets,
  pool: PoolRecord,
  channel: Channel,
  input: string,
  user: UserRecord | null,
  profile: ExistenceProfile,
): DeliveryPlan {
  const mac = nameMac(secrets, pool, input);
  const media = channelMedia(pool, channel);
  const real = user ? contactOf(user, media, channel === "recovery") : null;
  const simulated = simulatedDelivery(pool, channel, input, mac);
  if (profile === "strict") {
    return { real, masked: simulated, shown: real ? simulated : null, decoy: decoySubject(mac, channel) };
  }
  const own = user ? (real ?? contactOf(user, media.length > 0 ? media : LEGACY_ORDER, false)) : null;
  const masked = own ? maskTarget(own) : simulated;
  return { real, masked, shown: real ? maskTarget(real) : null, decoy: decoySubject(mac, channel) };
}

/** The response member, built the same way for real and simulated answers (same keys, same order). */
export const codeDeliveryDetails = (
  d: CodeDeliveryDetails,
): { CodeDeliveryDetails: CodeDeliveryDetails } => ({
  CodeDeliveryDetails: {
    AttributeName: d.AttributeName,
    DeliveryMedium: d.DeliveryMedium,
    Destination: d.Destination,
  },
});
