/**
 * Step 1 of USER_SRP_AUTH on the server (docs/srp.md#the-wire-exchange, docs/srp.md#what-the-server-stores-and-computes): check the client's A and issue B.
 *   B = (k·v + g^b) mod N,  b = 256 random bits (RFC 5054 §2.5.3 asks for at least 256).
 */
import { pooledRandomBytes } from "../crypto/random-pool.ts";
import { bytesToBigInt, G, K, N, parseHex, toHex } from "./group.ts";
import { powModN } from "./modexp.ts";

export const B_SECRET_BYTES = 32;

export interface ServerSession {
  /** The server's secret exponent, hex; keep it only inside the encrypted SECRET_BLOCK/session. */
  b: string;
  /** SRP_B as sent to the client: unpadded lowercase hex (like Cognito's, docs/srp.md#the-wire-exchange). */
  B: string;
}

/**
 * SRP_A as the clients send it: `A.toString(16)`, at most 384 bytes (A < N). Leading zeros are
 * tolerated (the value is what counts), up to twice that length. Rejects A ≡ 0 (mod N), which would
 * let a client that knows no password compute S = 0 (RFC 5054 §2.5.4).
 */
export function validateA(Ahex: string): boolean {
  const A = parseHex(Ahex);
  return A !== null && A % N !== 0n;
}

/** Issues B for a stored (or simulated) verifier. One modexp, whatever the verifier. */
export function startServerSession(
  verifierHex: string,
  random: (n: number) => Buffer = pooledRandomBytes,
): ServerSession {
  const v = parseHex(verifierHex);
  if (v === null) throw new TypeError("verifier is not hex");
  for (;;) {
    const b = bytesToBigInt(random(B_SECRET_BYTES));
    const B = (K * v + powModN(G, b)) % N;
    // B ≡ 0 has probability ~2^-3072; the clients would refuse it ("B cannot be zero."), so redraw.
    if (B !== 0n && b !== 0n) return { b: toHex(b), B: toHex(B) };
  }
}
