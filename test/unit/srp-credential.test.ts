import assert from "node:assert/strict";
import { test } from "node:test";
import {
  checkPassword,
  computeX,
  createCredential,
  G,
  N,
  powModN,
  renderSalt,
  srpPoolName,
} from "../../src/srp/index.ts";

const POOL = srpPoolName("eu-west-1_Xy12Ab34C");

test("srpPoolName takes the part after '_' like CognitoUserPool.getUserPoolName", () => {
  assert.equal(POOL, "Xy12Ab34C");
  assert.equal(srpPoolName("us-east-1_AbCdEfGhI"), "AbCdEfGhI");
  assert.equal(srpPoolName("nounderscore"), "");
});

test("salts render as unpadded hex integers, as clients parse SALT", () => {
  assert.equal(
    renderSalt(Buffer.from("3fb3cb028b0e4aaeabce3b573699a322", "hex")),
    "3fb3cb028b0e4aaeabce3b573699a322",
  );
  assert.equal(
    renderSalt(Buffer.from("0021c6e608118c950c662e645418b2f1", "hex")),
    "21c6e608118c950c662e645418b2f1",
  );
  assert.equal(
    renderSalt(Buffer.from("0a21c6e608118c950c662e645418b2f1", "hex")),
    "a21c6e608118c950c662e645418b2f1",
  );
  assert.equal(renderSalt(Buffer.alloc(16)), "0");
});

test("createCredential: shapes, determinism for a given salt, v = g^x", () => {
  const salt = Buffer.from("8f0e1d2c3b4a59687766554433221100", "hex");
  const a = createCredential(POOL, "alice", "Secret-1!", salt);
  const b = createCredential(POOL, "alice", "Secret-1!", salt);
  assert.deepEqual(a, b);
  assert.equal(a.salt, "8f0e1d2c3b4a59687766554433221100");
  assert.match(a.verifier, /^[0-9a-f]{768}$/);
  const v = BigInt(`0x${a.verifier}`);
  assert.ok(v > 1n && v < N);
  assert.equal(v, powModN(G, computeX(POOL, "alice", "Secret-1!", a.salt)));
  const fresh = createCredential(POOL, "alice", "Secret-1!");
  assert.match(fresh.salt, /^[0-9a-f]{1,32}$/);
  assert.notEqual(fresh.verifier, a.verifier);
});

test("x uses the salt's integer value: leading zeros in SALT do not change it", () => {
  const x1 = computeX(POOL, "u", "p", "00ab");
  assert.equal(x1, computeX(POOL, "u", "p", "ab"));
  assert.notEqual(x1, computeX(POOL, "u", "p", "ab00"));
  assert.throws(() => computeX(POOL, "u", "p", "zz"));
});

test("x binds pool name, user id and password (client concatenation poolName‖user‖':'‖password)", () => {
  const salt = "1234";
  const base = computeX(POOL, "alice", "pw", salt);
  assert.notEqual(base, computeX("Other", "alice", "pw", salt));
  assert.notEqual(base, computeX(POOL, "alicf", "pw", salt));
  assert.notEqual(base, computeX(POOL, "alice", "pW", salt));
  // Same concatenated string, same x — a property of the clients' formula, kept on purpose.
  assert.equal(computeX("AB", "c", "pw", salt), computeX("A", "Bc", "pw", salt));
});

test("checkPassword accepts the password and nothing else", () => {
  const cred = createCredential(POOL, "alice", "Pässwörd ✓ 😀");
  assert.equal(checkPassword(POOL, "alice", "Pässwörd ✓ 😀", cred.salt, cred.verifier), true);
  assert.equal(checkPassword(POOL, "alice", "Pässwörd ✓ 😀 ", cred.salt, cred.verifier), false);
  assert.equal(checkPassword(POOL, "Alice", "Pässwörd ✓ 😀", cred.salt, cred.verifier), false);
  assert.equal(checkPassword("Other", "alice", "Pässwörd ✓ 😀", cred.salt, cred.verifier), false);
  // Unpadded or upper-case stored hex denotes the same verifier.
  const unpadded = BigInt(`0x${cred.verifier}`).toString(16).toUpperCase();
  assert.equal(checkPassword(POOL, "alice", "Pässwörd ✓ 😀", cred.salt, unpadded), true);
});

test("checkPassword: malformed or out-of-range stored verifiers never match", () => {
  const cred = createCredential(POOL, "alice", "pw");
  for (const bad of ["", "xyz", "0", N.toString(16), (N + 1n).toString(16)]) {
    assert.equal(checkPassword(POOL, "alice", "pw", cred.salt, bad), false, bad);
  }
});
