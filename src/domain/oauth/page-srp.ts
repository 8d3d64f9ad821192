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
} from "../../srp/index.ts";

/**
 * The client half of SRP (docs/srp.md#what-the-client-computes), computed by the managed-login page
 * for the password the user typed into it, so that a custom-challenge sign-in can begin the way
 * AWS describes password-first custom flows: CUSTOM_AUTH with `CHALLENGE_NAME: SRP_A`, then
 * PASSWORD_VERIFIER, then the custom challenges
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html).
 * The password never leaves the request that carried it.
 */
export interface PageSrpStart {
  a: bigint;
  A: bigint;
  srpA: string;
}

export function pageSrpStart(): PageSrpStart {
  const a = BigInt(`0x${randomBytes(32).toString("hex")}`);
  const A = powModN(G, a);
  return { a, A, srpA: toHex(A) };
}

const mod = (x: bigint): bigint => ((x % N) + N) % N;

/** PASSWORD_VERIFIER's ChallengeResponses (without SECRET_HASH) for `password`. */
export function pageSrpProof(
  poolId: string,
  start: PageSrpStart,
  params: Record<string, string>,
  password: string,
  nowMs: number,
): Record<string, string> {
  const poolName = srpPoolName(poolId);
  const userId = params.USER_ID_FOR_SRP ?? "";
  const B = parseHex(params.SRP_B ?? "") ?? 0n;
  const u = computeU(start.A, B);
  const x = computeX(poolName, userId, password, params.SALT ?? "");
  // g's order divides N − 1, so the exponent is reduced before the modexp.
  const S = powModN(mod(B - K * powModN(G, x)), (start.a + u * x) % (N - 1n));
  const timestamp = formatTimestamp(new Date(nowMs));
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
