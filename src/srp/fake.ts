/**
 * Simulated SRP credentials for users that do not exist, under PreventUserExistenceErrors = ENABLED
 * (docs/existence.md#simulated-srp, docs/srp.md#unknown-users, docs/existence.md#deterministic-fakes, docs/existence.md#equal-work). Cognito: "the same 'salt' and internal user id in UUID
 * format for the same user name and user pool combination" (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html); RFC 5054 §2.5.1.3: derive the salt
 * from a secret seed and run the normal protocol on a fake verifier so the timing matches.
 *
 * Everything is a pure function of (pool, username key) and the server's seed, recomputed on every
 * call; nothing is cached (a cache of fakes would itself be a signal).
 *
 * The verifier is a pseudo-random square r² mod N rather than g^x for a pseudo-random x: every square
 * mod the safe prime N lies in the order-q subgroup that g = 2 generates, so it IS g^y for some y (only
 * y is unknown — no password can match, which is what we want), it has the same 384-byte shape, and it
 * costs one multiplication instead of a modular exponentiation. A real user's verifier comes from
 * storage without a modexp, so computing g^x here would make the unknown-user path ~0.6 ms slower
 * (bench/srp-cpu.ts) — an oracle. The verifier is never sent; only B = k·v + g^b is, computed alike.
 */
import { hkdfSync } from "node:crypto";
import { renderSalt, SALT_BYTES } from "./credential.ts";
import { bytesToBigInt, N, N_BYTES, toFixedHex } from "./group.ts";

/** HMAC under the server seed, one key per purpose (ServerSecrets.mac in src/crypto/server-secrets.ts). */
export type SeedMac = (purpose: string, ...parts: string[]) => Buffer;

export interface FakeSrpCredential {
  salt: string;
  verifier: string;
  userIdForSrp: string;
}

/**
 * 16 bytes as a version-4 UUID, the format `newSub()` (crypto.randomUUID) gives real users, whose sub
 * is USER_ID_FOR_SRP in email/phone-username pools. Keep the two in step if either changes.
 */
export function uuidFromBytes(bytes: Buffer): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A uniform-looking non-zero square mod N from ≥ N_BYTES + 32 bytes (no modexp). */
export function fakeVerifier(wide: Buffer): string {
  if (wide.length < N_BYTES + 32) throw new RangeError("fakeVerifier needs N_BYTES + 32 bytes");
  // The 32 extra bytes make the reduction bias ~2^-256.
  const r = (bytesToBigInt(wide) % (N - 1n)) + 1n;
  return toFixedHex((r * r) % N);
}

const SALT_END = SALT_BYTES;
const UUID_END = SALT_END + 16;
const TOTAL = UUID_END + N_BYTES + 32;

/**
 * The simulated SALT, USER_ID_FOR_SRP and verifier for (poolId, usernameKey): one seed MAC, expanded
 * with HKDF into salt ‖ uuid ‖ verifier material (~50 µs, bench/srp-cpu.ts).
 */
export function fakeCredential(seedMac: SeedMac, poolId: string, usernameKey: string): FakeSrpCredential {
  const prk = seedMac("srp-simulated-user", poolId, usernameKey);
  const okm = Buffer.from(hkdfSync("sha256", prk, Buffer.alloc(0), "hushpool/srp-simulated-user", TOTAL));
  return {
    salt: renderSalt(okm.subarray(0, SALT_END)),
    verifier: fakeVerifier(okm.subarray(UUID_END)),
    userIdForSrp: uuidFromBytes(okm.subarray(SALT_END, UUID_END)),
  };
}
