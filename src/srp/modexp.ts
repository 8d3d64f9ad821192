/**
 * base^exp mod N for the SRP group. Node's Diffie-Hellman object does the work natively: with the
 * private key set to the exponent, `generateKeys()` yields g^exp and `computeSecret(y)` yields y^exp.
 * OpenSSL treats the private key as secret (constant-time Montgomery ladder), which suits b and x.
 *
 * One Diffie-Hellman object per process, made on first use and reused: only its private key changes
 * between calls (`generateKeys()` recomputes the public value from whatever private key is set).
 * Making one is what costs: Node checks the group when it builds the object (its `verifyError`).
 * Node 20 and 22 build one in well under a millisecond (OpenSSL knows (N, 2) as a named group and
 * skips the primality test); Node 24.21 spends ~1.4 s of CPU on it for this 3072-bit prime, with the
 * same OpenSSL as Node 22.23, so an object per exponentiation made every SignUp and sign-in cost
 * seconds there (docs/packaging.md#node-versions). Everything here is synchronous, so calls cannot
 * interleave on the shared object. A BigInt square-and-multiply is kept as a fallback
 * (used only if the native path is unavailable) and for the benchmark.
 */
import { createDiffieHellman, type DiffieHellman } from "node:crypto";
import { bigIntToBytes, bytesToBigInt, G, N } from "./group.ts";

const PRIME = Buffer.from(N.toString(16), "hex");
const TWO = Buffer.from([2]);

let shared: DiffieHellman | undefined;

/** The process's Diffie-Hellman object for (N, 2), made on first use (see above for why only one). */
function group(): DiffieHellman {
  shared ??= createDiffieHellman(PRIME, TWO);
  return shared;
}

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
  const dh = group();
  dh.setPrivateKey(bigIntToBytes(exp));
  if (y === G) return bytesToBigInt(dh.generateKeys());
  // OpenSSL refuses a shared secret of 1 or N−1 (SP 800-56A). Those results need a base whose
  // discrete log the caller controls (e.g. exponent 0 or q); compute them the slow way. Node 20 and
  // 24 throw on a refusal; Node 22 returns an empty buffer, which reads as 0 — never a true answer
  // here, since N is prime and y is not 0 mod N.
  let secret: bigint;
  try {
    secret = bytesToBigInt(dh.computeSecret(bigIntToBytes(y)));
  } catch {
    secret = 0n;
  }
  return secret === 0n ? modPowBigInt(y, exp) : secret;
}

function nativeWorks(): boolean {
  try {
    const e = 0x1234567890abcdefn;
    return modPowNative(G, e) === modPowBigInt(G, e) && modPowNative(N - 5n, e) === modPowBigInt(N - 5n, e);
  } catch {
    return false;
  }
}

let native: boolean | undefined;

/** Whether the native path works here, checked on first use so that importing this costs nothing. */
function useNative(): boolean {
  native ??= nativeWorks();
  return native;
}

/**
 * The tally of the innermost `countModExps` in progress, else null. It is set only for the
 * synchronous duration of that call and restored after it, so nothing accumulates between calls and
 * powModN pays one null check when nobody counts.
 */
let tally: { n: number } | null = null;

/** Which implementation powModN uses on this runtime. */
export const modExpImplementation = (): "native" | "bigint" => (useNative() ? "native" : "bigint");

/** base^exp mod N — the one entry point the SRP code uses, so work can be counted. */
export function powModN(base: bigint, exp: bigint): bigint {
  if (tally !== null) tally.n++;
  return useNative() ? modPowNative(base, exp) : modPowBigInt(base, exp);
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
