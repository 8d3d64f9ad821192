/**
 * base^exp mod N for the SRP group. Node's Diffie-Hellman object does the work natively: with the
 * private key set to the exponent, `generateKeys()` yields g^exp and `computeSecret(y)` yields y^exp.
 * OpenSSL treats the private key as secret (constant-time Montgomery ladder), which suits b and x.
 * The group must be created with generator 2: OpenSSL recognises (N, 2) as a known group and skips the
 * primality check that an arbitrary generator costs (~1.5 s). A BigInt square-and-multiply is kept as
 * a fallback (used only if the native path is unavailable) and for the benchmark.
 */
import { createDiffieHellman } from "node:crypto";
import { bigIntToBytes, bytesToBigInt, G, N } from "./group.ts";

const PRIME = Buffer.from(N.toString(16), "hex");
const TWO = Buffer.from([2]);

/** Plain left-to-right square-and-multiply; ~6× slower than the native path (bench/srp-cpu.ts). */
export function modPowBigInt(base: bigint, exp: bigint, mod: bigint = N): bigint {
  if (exp < 0n) throw new RangeError("negative exponent");
  let result = 1n;
  let b = ((base % mod) + mod) % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result % mod;
}

/** Native base^exp mod N. `computeSecret` refuses bases 0, 1 and N−1, whose powers are trivial. */
export function modPowNative(base: bigint, exp: bigint): bigint {
  if (exp < 0n) throw new RangeError("negative exponent");
  const y = ((base % N) + N) % N;
  if (y === 0n) return exp === 0n ? 1n : 0n;
  if (y === 1n) return 1n;
  if (y === N - 1n) return exp % 2n === 0n ? 1n : N - 1n;
  const dh = createDiffieHellman(PRIME, TWO);
  dh.setPrivateKey(bigIntToBytes(exp));
  if (y === G) return bytesToBigInt(dh.generateKeys());
  try {
    return bytesToBigInt(dh.computeSecret(bigIntToBytes(y)));
  } catch {
    // OpenSSL refuses a shared secret of 1 or N−1 (SP 800-56A). Those results need a base whose
    // discrete log the caller controls (e.g. exponent 0 or q); compute them the slow way.
    return modPowBigInt(y, exp);
  }
}

function nativeWorks(): boolean {
  try {
    const e = 0x1234567890abcdefn;
    return modPowNative(G, e) === modPowBigInt(G, e) && modPowNative(N - 5n, e) === modPowBigInt(N - 5n, e);
  } catch {
    return false;
  }
}

const NATIVE = nativeWorks();

/**
 * The tally of the innermost `countModExps` in progress, else null. It is set only for the
 * synchronous duration of that call and restored after it, so nothing accumulates between calls and
 * powModN pays one null check when nobody counts.
 */
let tally: { n: number } | null = null;

/** Which implementation powModN uses on this runtime. */
export const modExpImplementation = (): "native" | "bigint" => (NATIVE ? "native" : "bigint");

/** base^exp mod N — the one entry point the SRP code uses, so work can be counted. */
export function powModN(base: bigint, exp: bigint): bigint {
  if (tally !== null) tally.n++;
  return NATIVE ? modPowNative(base, exp) : modPowBigInt(base, exp);
}

/**
 * Runs a synchronous function and reports how many modular exponentiations it performed — for the
 * equal-work checks (docs/srp.md). Everything in src/srp is synchronous, so the count is exact; a
 * nested count also adds to the enclosing one.
 */
export function countModExps<T>(fn: () => T): { result: T; modExps: number } {
  const outer = tally;
  const mine = { n: 0 };
  tally = mine;
  try {
    return { result: fn(), modExps: mine.n };
  } finally {
    tally = outer;
    if (outer !== null) outer.n += mine.n;
  }
}
