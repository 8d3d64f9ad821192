/**
 * Password credentials: the salt and verifier stored per user (docs/srp.md#what-the-server-stores-and-computes), and the plaintext check
 * that USER_PASSWORD_AUTH uses. x follows the clients exactly (docs/srp.md#what-the-client-computes):
 *   x = H(padHex(salt) ‖ H(poolName ‖ userIdForSrp ‖ ":" ‖ password)),  v = g^x mod N.
 */
import { randomBytes } from "node:crypto";
import { equalBytes } from "./constant-time.ts";
import { bytesToBigInt, G, N, padHex, parseHex, toFixedBytes, toFixedHex, toHex } from "./group.ts";
import { hashUtf8, hexHash } from "./hash.ts";
import { powModN } from "./modexp.ts";

export const SALT_BYTES = 16;

export interface SrpCredential {
  /** Salt as unpadded lowercase hex, as Cognito sends SALT (e.g. 30–32 chars). */
  salt: string;
  /** v = g^x mod N as fixed-width (768-char) lowercase hex. */
  verifier: string;
}

/** The pool-name part the clients hash: `UserPoolId.split('_')[1]` (CognitoUserPool.getUserPoolName). */
export const srpPoolName = (poolId: string): string => poolId.split("_")[1] ?? "";

/** Renders salt bytes the way the clients parse SALT: an integer in unpadded hex. */
export const renderSalt = (salt: Buffer): string => toHex(bytesToBigInt(salt));

/**
 * The private value x. The salt is used as an integer (the clients do
 * `padHex(new BigInteger(SALT, 16))`), so leading zeros in the stored hex do not change x.
 */
export function computeX(poolName: string, userIdForSrp: string, password: string, saltHex: string): bigint {
  const salt = parseHex(saltHex);
  if (salt === null) throw new TypeError("salt is not hex");
  const inner = hashUtf8(`${poolName}${userIdForSrp}:${password}`);
  return BigInt(`0x${hexHash(padHex(salt) + inner)}`);
}

/** A fresh credential for a password (SignUp, AdminSetUserPassword, ConfirmForgotPassword, …). */
export function createCredential(
  poolName: string,
  userIdForSrp: string,
  password: string,
  salt: Buffer = randomBytes(SALT_BYTES),
): SrpCredential {
  const saltHex = renderSalt(salt);
  const x = computeX(poolName, userIdForSrp, password, saltHex);
  return { salt: saltHex, verifier: toFixedHex(powModN(G, x)) };
}

/**
 * Checks a plaintext password against a stored credential: one modexp and a constant-time compare of
 * two 384-byte values, whatever the outcome (docs/existence.md#equal-work). A malformed stored verifier compares
 * as a mismatch after the same work.
 */
export function checkPassword(
  poolName: string,
  userIdForSrp: string,
  password: string,
  salt: string,
  verifier: string,
): boolean {
  const candidate = toFixedBytes(powModN(G, computeX(poolName, userIdForSrp, password, salt)));
  const stored = parseHex(verifier);
  const storedOk = stored !== null && stored > 0n && stored < N;
  const ok = equalBytes(candidate, toFixedBytes(storedOk ? stored : 0n));
  return ok && storedOk;
}
