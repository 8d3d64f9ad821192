/** Native vs BigInt modexp agreement, constant-time helpers, and equal work (docs/existence.md#unit-tests-count-work). */
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { test } from "node:test";
import {
  checkPassword,
  computePasswordClaim,
  countModExps,
  createCredential,
  equalBytes,
  equalStrings,
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
} from "../../src/srp/index.ts";

const rand = (bytes: number): bigint => BigInt(`0x${randomBytes(bytes).toString("hex")}`);

test("the native path is in use and agrees with square-and-multiply", () => {
  assert.equal(modExpImplementation(), "native");
  const bases = [0n, 1n, 2n, 3n, N - 2n, N - 1n, N, N + 5n, -7n, rand(384), rand(384) % N, rand(500)];
  const exps = [0n, 1n, 2n, 3n, rand(32), rand(128), N - 1n, N + 1n];
  for (const b of bases) {
    for (const e of exps)
      assert.equal(modPowNative(b, e), modPowBigInt(b, e, N), `${b % 1000n}^${e % 1000n}`);
  }
  assert.equal(powModN(G, 10n), 1024n);
  assert.throws(() => modPowNative(2n, -1n));
  assert.equal(modPowBigInt(3n, 5n, 7n), 5n);
});

test("equalBytes / equalStrings", () => {
  assert.equal(equalBytes(Buffer.from("abc"), Buffer.from("abc")), true);
  assert.equal(equalBytes(Buffer.from("abc"), Buffer.from("abd")), false);
  assert.equal(equalBytes(Buffer.from("abc"), Buffer.from("abcd")), false);
  assert.equal(equalBytes(Buffer.alloc(0), Buffer.alloc(0)), true);
  assert.equal(equalStrings("é", "é"), true);
  assert.equal(equalStrings("é", "e\u0301"), false);
});

const POOL_ID = "us-east-1_AbCdEfGhI";
const POOL = "AbCdEfGhI";
const seedMac = (purpose: string, ...parts: string[]) =>
  createHmac("sha256", "seed")
    .update([purpose, ...parts].join("\0"))
    .digest();

test("real and simulated users cost the same number of modexps at every step", () => {
  const real = { userIdForSrp: "alice", ...createCredential(POOL, "alice", "Secret-1!") };
  const count = <T>(fn: () => T) => countModExps(fn).modExps;
  const paths = {
    real: () => real,
    fake: () => fakeCredential(seedMac, POOL_ID, "ghost"),
  };
  const A = powModN(G, rand(128)).toString(16);
  const work: Record<string, number[]> = {};
  for (const [name, load] of Object.entries(paths)) {
    const pw = count(() => {
      const c = load();
      return checkPassword(POOL, c.userIdForSrp, "wrong", c.salt, c.verifier);
    });
    let claim: Parameters<typeof verifyPasswordClaim>[0] | undefined;
    const step1 = count(() => {
      const c = load();
      const s = startServerSession(c.verifier);
      claim = {
        poolName: POOL,
        secretBlock: randomBytes(32),
        timestamp: formatTimestamp(new Date()),
        A,
        ...c,
        ...s,
      };
    });
    assert.ok(claim);
    const sig = computePasswordClaim(claim).toString("base64");
    const step2Wrong = count(() => verifyPasswordClaim(claim ?? assert.fail(), "AAAA"));
    const step2Right = count(() => verifyPasswordClaim(claim ?? assert.fail(), sig));
    work[name] = [pw, step1, step2Wrong, step2Right];
  }
  assert.deepEqual(work.real, [1, 1, 2, 2]);
  assert.deepEqual(work.fake, work.real);
  // The right password costs what a wrong one does.
  assert.equal(
    count(() => checkPassword(POOL, "alice", "Secret-1!", real.salt, real.verifier)),
    1,
  );
});
