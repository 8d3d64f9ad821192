/**
 * CPU cost of src/srp: credential creation, the plaintext check (USER_PASSWORD_AUTH), both server
 * steps of USER_SRP_AUTH, a simulated user, and native vs BigInt modexp. Run: npx tsx bench/srp-cpu.ts
 * CPU time is process.cpuUsage() (user + system) divided by the number of operations.
 */
import { createHmac, randomBytes } from "node:crypto";
import {
  checkPassword,
  computePasswordClaim,
  createCredential,
  fakeCredential,
  formatTimestamp,
  G,
  modExpImplementation,
  modPowBigInt,
  modPowNative,
  N,
  powModN,
  startServerSession,
  verifyPasswordClaim,
} from "../src/srp/index.ts";

const POOL_ID = "us-east-1_AbCdEfGhI";
const POOL = "AbCdEfGhI";
const rand = (bytes: number): bigint => BigInt(`0x${randomBytes(bytes).toString("hex")}`);

/** Mean CPU microseconds per call, after a warm-up. */
function cpu(label: string, n: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(20, n); i++) fn(i);
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) fn(i);
  const used = process.cpuUsage(start);
  const us = (used.user + used.system) / n;
  console.log(`${label.padEnd(46)} ${(us / 1000).toFixed(3).padStart(8)} ms  (n=${n})`);
  return us;
}

const seed = randomBytes(32);
const seedMac = (purpose: string, ...parts: string[]) =>
  createHmac("sha256", seed)
    .update([purpose, ...parts].join("\0"))
    .digest();

console.log(`modexp implementation in use: ${modExpImplementation()}  (node ${process.version})\n`);

const cred = createCredential(POOL, "alice", "Secret-1!");
cpu("createCredential", 300, (i) => createCredential(POOL, `user${i}`, "Secret-1!"));
cpu("checkPassword (right password)", 300, () =>
  checkPassword(POOL, "alice", "Secret-1!", cred.salt, cred.verifier),
);
cpu("checkPassword (wrong password)", 300, () =>
  checkPassword(POOL, "alice", "wrong", cred.salt, cred.verifier),
);
cpu("fakeCredential (simulated user)", 2000, (i) => fakeCredential(seedMac, POOL_ID, `ghost${i}`));

const A = powModN(G, rand(128)).toString(16);
const timestamp = formatTimestamp(new Date());
const secretBlock = randomBytes(300);
const claims = Array.from({ length: 320 }, () => {
  const s = startServerSession(cred.verifier);
  const claim = { poolName: POOL, userIdForSrp: "alice", secretBlock, timestamp, A, ...s, ...cred };
  return { claim, sig: computePasswordClaim(claim).toString("base64") };
});
const step1 = cpu("startServerSession (step 1: B)", 300, () => startServerSession(cred.verifier));
const step2 = cpu("verifyPasswordClaim (step 2)", 300, (i) => {
  const c = claims[i % claims.length];
  if (c) verifyPasswordClaim(c.claim, c.sig);
});
console.log(
  `${"=> server side of one SRP sign-in".padEnd(46)} ${((step1 + step2) / 1000).toFixed(3).padStart(8)} ms\n`,
);

const base = rand(384) % N;
const e256 = rand(32);
const native = cpu("modexp native, 256-bit exponent", 500, () => modPowNative(base, e256));
const slow = cpu("modexp BigInt, 256-bit exponent", 50, () => modPowBigInt(base, e256, N));
const g256 = cpu("modexp native g^e, 256-bit exponent", 500, () => modPowNative(G, e256));
const e3072 = rand(384);
const native3k = cpu("modexp native, 3072-bit exponent", 50, () => modPowNative(base, e3072));
const slow3k = cpu("modexp BigInt, 3072-bit exponent", 10, () => modPowBigInt(base, e3072, N));
console.log(
  `\nBigInt / native: ${(slow / native).toFixed(1)}x (256-bit), ${(slow3k / native3k).toFixed(1)}x (3072-bit)`,
);
console.log(`native g^e vs y^e (256-bit): ${(g256 / native).toFixed(2)}`);
