import { createHash, randomBytes, randomUUID } from "node:crypto";
import { pooledRandomBytes } from "../crypto/random-pool.ts";

/**
 * Identifiers that appear in tokens. Cognito's `jti`, `origin_jti` and `event_id` are UUIDs [docs/tokens.md#what-the-tokens-contain];
 * we mint `jti` and `origin_jti` as UUIDv7 (RFC 9562), whose first 48 bits are the minting time in
 * milliseconds. That lets GlobalSignOut compare a token with the sign-out instant to the millisecond
 * (`iat` only has seconds), without adding any claim Cognito does not emit.
 */
export function uuidV7(nowMs: number): string {
  const b = pooledRandomBytes(16);
  const t = Math.max(0, Math.floor(nowMs));
  b.writeUIntBE(t, 0, 6);
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f);
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The millisecond timestamp inside a UUIDv7, or null for any other string. */
export function uuidV7Time(id: string): number | null {
  if (!UUID_V7.test(id)) return null;
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** `event_id` is shared by the ID/access pair of one authentication event [docs/tokens.md#what-the-tokens-contain]. */
export const newEventId = (): string => randomUUID();

/** Cognito's `kid` is standard base64 of 32 bytes: 44 characters ending in '=' [docs/tokens.md#token-format]. */
export const newKid = (): string => randomBytes(32).toString("base64");

/** The secret carried inside a refresh token (256 bits, base64url, 43 chars). */
export const newRefreshSecret = (): string => pooledRandomBytes(32).toString("base64url");

/**
 * The TokenStore id of a refresh token is a hash of the secret in the token, so a copy of the
 * database alone cannot be turned back into working refresh tokens.
 */
export const refreshRecordId = (secret: string): string =>
  createHash("sha256").update(`hushpool/refresh/${secret}`).digest("base64url");
