/**
 * Server session and claim checks with a BigInt model of the client (S = (B − k·g^x)^(a+u·x)); the
 * real client is exercised in srp-client.test.ts.
 */
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { test } from "node:test";
import {
  computePasswordClaim,
  computeU,
  computeX,
  createCredential,
  deriveKey,
  formatTimestamp,
  G,
  K,
  N,
  powModN,
  startServerSession,
  validateA,
  verifyPasswordClaim,
} from "../../src/srp/index.ts";

const POOL = "AbCdEfGhI";
const USER = "alice";
const mod = (x: bigint): bigint => ((x % N) + N) % N;

function clientSignature(
  password: string,
  salt: string,
  Ahex: string,
  a: bigint,
  B: string,
  block: Buffer,
  ts: string,
) {
  const A = BigInt(`0x${Ahex}`);
  const Bn = BigInt(`0x${B}`);
  const u = computeU(A, Bn);
  const x = computeX(POOL, USER, password, salt);
  const S = powModN(mod(Bn - K * powModN(G, x)), a + u * x);
  const msg = Buffer.concat([Buffer.from(POOL), Buffer.from(USER), block, Buffer.from(ts)]);
  return createHmac("sha256", deriveKey(S, u)).update(msg).digest("base64");
}

function exchange(password: string, typed: string, ts = formatTimestamp(new Date("2025-03-07T04:05:06Z"))) {
  const cred = createCredential(POOL, USER, password);
  const a = BigInt(`0x${randomBytes(128).toString("hex")}`);
  const A = powModN(G, a).toString(16);
  const session = startServerSession(cred.verifier);
  const secretBlock = randomBytes(64);
  const signature = clientSignature(typed, cred.salt, A, a, session.B, secretBlock, ts);
  const claim = { poolName: POOL, userIdForSrp: USER, secretBlock, timestamp: ts, A, ...session, ...cred };
  return { claim, signature };
}

test("validateA: well-formed hex with A mod N ≠ 0", () => {
  assert.equal(validateA(powModN(G, 12345n).toString(16)), true);
  assert.equal(validateA("1"), true);
  assert.equal(validateA(`000${powModN(G, 7n).toString(16)}`), true);
  for (const bad of [
    "",
    "0",
    "000",
    N.toString(16),
    (2n * N).toString(16),
    "xyz",
    "12 34",
    "0x12",
    "1".repeat(2000),
  ]) {
    assert.equal(validateA(bad), false, bad.slice(0, 20));
  }
});

test("startServerSession: B = k·v + g^b mod N, unpadded hex, b of 256 bits", () => {
  const cred = createCredential(POOL, USER, "pw");
  const fixed = Buffer.alloc(32, 0x5a);
  const s = startServerSession(cred.verifier, () => fixed);
  const b = BigInt(`0x${fixed.toString("hex")}`);
  assert.equal(s.b, b.toString(16));
  assert.equal(s.B, ((K * BigInt(`0x${cred.verifier}`) + powModN(G, b)) % N).toString(16));
  assert.match(s.B, /^[1-9a-f][0-9a-f]*$/);
  const r = startServerSession(cred.verifier);
  assert.ok(r.b.length <= 64 && r.b !== s.b && r.B !== s.B);
  assert.throws(() => startServerSession("not hex"));
});

test("a correct claim verifies; wrong password, tampering and a bad signature encoding do not", () => {
  const ok = exchange("Secret-1!", "Secret-1!");
  assert.equal(verifyPasswordClaim(ok.claim, ok.signature), true);
  assert.equal(computePasswordClaim(ok.claim).toString("base64"), ok.signature);

  const wrong = exchange("Secret-1!", "Secret-2!");
  assert.equal(verifyPasswordClaim(wrong.claim, wrong.signature), false);

  const { claim, signature } = ok;
  const flipped = Buffer.from(claim.secretBlock);
  flipped[0] = (flipped[0] ?? 0) ^ 1;
  assert.equal(verifyPasswordClaim({ ...claim, secretBlock: flipped }, signature), false);
  assert.equal(verifyPasswordClaim({ ...claim, userIdForSrp: "Alice" }, signature), false);
  assert.equal(verifyPasswordClaim({ ...claim, poolName: "Other" }, signature), false);
  assert.equal(verifyPasswordClaim({ ...claim, timestamp: "Fri Mar 7 04:05:07 UTC 2025" }, signature), false);
  assert.equal(verifyPasswordClaim(claim, signature.replace(/=$/, "")), false);
  assert.equal(verifyPasswordClaim(claim, ""), false);
  const other = createCredential(POOL, USER, "Secret-1!");
  assert.equal(verifyPasswordClaim({ ...claim, verifier: other.verifier }, signature), false);
});

test("a claim signed over a zero-padded day is refused even though its MAC matches (docs/srp.md#timestamp)", () => {
  const padded = "Fri Mar 07 04:05:06 UTC 2025";
  const { claim, signature } = exchange("pw", "pw", padded);
  assert.equal(computePasswordClaim(claim).toString("base64"), signature);
  assert.equal(verifyPasswordClaim(claim, signature), false);
});

test("computePasswordClaim refuses A ≡ 0 (mod N) and malformed hex", () => {
  const { claim } = exchange("pw", "pw");
  assert.throws(() => computePasswordClaim({ ...claim, A: N.toString(16) }), /A mod N/);
  assert.throws(() => computePasswordClaim({ ...claim, b: "g" }), /b is not hex/);
});
