/**
 * Step 2 of USER_SRP_AUTH on the server (docs/srp.md#what-the-client-computes, docs/srp.md#what-the-server-stores-and-computes): recompute the client's PASSWORD_CLAIM_SIGNATURE.
 *   u = H(padHex(A) ‖ padHex(B)),  S = (A · v^u)^b mod N,
 *   K = HKDF(ikm = padHex(S), salt = padHex(u), info = "Caldera Derived Key")[0..16],
 *   signature = HMAC-SHA256(K, poolName ‖ userIdForSrp ‖ SECRET_BLOCK bytes ‖ TIMESTAMP).
 */
import { equalStrings } from "./constant-time.ts";
import { N, padHex, parseHex } from "./group.ts";
import { hexHash, hmacSha256 } from "./hash.ts";
import { powModN } from "./modexp.ts";
import { parseTimestamp } from "./timestamp.ts";

export interface PasswordClaimInput {
  /** Pool id suffix after `_` (srpPoolName). */
  poolName: string;
  /** USER_ID_FOR_SRP as issued at step 1 (the internal username, or the simulated UUID). */
  userIdForSrp: string;
  /** The bytes the server issued as SECRET_BLOCK (clients sign base64-decode(SECRET_BLOCK)). */
  secretBlock: Buffer;
  /** TIMESTAMP as received. */
  timestamp: string;
  /** SRP_A, SRP_B, b and the verifier, all hex. */
  A: string;
  B: string;
  b: string;
  verifier: string;
}

const INFO = Buffer.concat([Buffer.from("Caldera Derived Key", "utf8"), Buffer.from([1])]);

function hex(name: string, s: string): bigint {
  const n = parseHex(s);
  if (n === null) throw new TypeError(`${name} is not hex`);
  return n;
}

/** u = H(padHex(A) ‖ padHex(B)) as the clients compute it (A as sent, not reduced). */
export const computeU = (A: bigint, B: bigint): bigint => BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);

/** The clients' single-block HKDF: 16 bytes of HMAC(HMAC(padHex(u), padHex(S)), info ‖ 0x01). */
export function deriveKey(S: bigint, u: bigint): Buffer {
  const prk = hmacSha256(Buffer.from(padHex(u), "hex"), Buffer.from(padHex(S), "hex"));
  return hmacSha256(prk, INFO).subarray(0, 16);
}

/** The expected HMAC (32 bytes). Two modexps. Throws on malformed hex or A ≡ 0 (validate A at step 1). */
export function computePasswordClaim(p: PasswordClaimInput): Buffer {
  const A = hex("A", p.A);
  if (A % N === 0n) throw new RangeError("A mod N is 0");
  const v = hex("verifier", p.verifier);
  const u = computeU(A, hex("B", p.B));
  const S = powModN((A * powModN(v, u)) % N, hex("b", p.b));
  return hmacSha256(
    deriveKey(S, u),
    Buffer.from(p.poolName, "utf8"),
    Buffer.from(p.userIdForSrp, "utf8"),
    p.secretBlock,
    Buffer.from(p.timestamp, "utf8"),
  );
}

/**
 * True when PASSWORD_CLAIM_SIGNATURE matches. The expected value is always computed and compared in
 * constant time (as base64 text: both clients send standard padded base64 of 32 bytes). The TIMESTAMP
 * must also be in the clients' canonical form: real Cognito rejects a zero-padded day with
 * "Incorrect username or password." (docs/srp.md#what-the-client-computes, docs/srp.md#timestamp); the format check is folded in after the work.
 * Freshness (TIMESTAMP / issue time window) is the auth flow's decision, not this function's.
 */
export function verifyPasswordClaim(p: PasswordClaimInput, signatureB64: string): boolean {
  const expected = computePasswordClaim(p).toString("base64");
  const sigOk = equalStrings(expected, signatureB64);
  return sigOk && parseTimestamp(p.timestamp) !== null;
}
