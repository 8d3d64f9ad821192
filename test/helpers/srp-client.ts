/**
 * A hand-driven USER_SRP_AUTH client (docs/srp.md#what-the-client-computes) on src/srp's primitives: for tests that need to step
 * through the exchange (replay, forged blocks, timestamps) and for the benches. The real
 * amazon-cognito-identity-js is used by the e2e tests that sign in end to end.
 */
import { createHmac, randomBytes } from "node:crypto";
import {
  computeU,
  computeX,
  deriveKey,
  formatTimestamp,
  G,
  K,
  N,
  parseHex,
  powModN,
  srpPoolName,
  toHex,
} from "../../src/srp/index.ts";

export interface SrpClientStart {
  a: bigint;
  A: bigint;
  /** SRP_A as the clients send it. */
  srpA: string;
}

export function srpStart(): SrpClientStart {
  const a = BigInt(`0x${randomBytes(32).toString("hex")}`);
  const A = powModN(G, a);
  return { a, A, srpA: toHex(A) };
}

const mod = (x: bigint): bigint => ((x % N) + N) % N;

/** The ChallengeResponses of PASSWORD_VERIFIER for `password`, given step 1's ChallengeParameters. */
export function srpRespond(
  poolId: string,
  start: SrpClientStart,
  params: Record<string, string>,
  password: string,
  when: Date = new Date(),
): Record<string, string> {
  const poolName = srpPoolName(poolId);
  const userId = params.USER_ID_FOR_SRP ?? "";
  const B = parseHex(params.SRP_B ?? "") ?? 0n;
  const u = computeU(start.A, B);
  const x = computeX(poolName, userId, password, params.SALT ?? "");
  const base = mod(B - K * powModN(G, x));
  // g's order divides N − 1, so the exponent can be reduced (keeps the native modexp's input small).
  const S = powModN(base, (start.a + u * x) % (N - 1n));
  const timestamp = formatTimestamp(when);
  const block = params.SECRET_BLOCK ?? "";
  const signature = createHmac("sha256", deriveKey(S, u))
    .update(Buffer.from(poolName, "utf8"))
    .update(Buffer.from(userId, "utf8"))
    .update(Buffer.from(block, "base64"))
    .update(Buffer.from(timestamp, "utf8"))
    .digest("base64");
  return {
    USERNAME: userId,
    PASSWORD_CLAIM_SECRET_BLOCK: block,
    TIMESTAMP: timestamp,
    PASSWORD_CLAIM_SIGNATURE: signature,
  };
}
