import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { SecretBox } from "../../src/crypto/secret-box.ts";
import { openStore } from "../../src/storage/open-store.ts";
import type { KeyStore } from "../../src/storage/ports.ts";
import {
  jwks,
  mintTokens,
  openRefreshToken,
  rotateTokenKeys,
  TOKEN_KEYS_NAME,
  TokenKeys,
  verifyAccessToken,
} from "../../src/tokens/index.ts";
import { retentionMs, rotateRing, type StoredKey, type StoredRing } from "../../src/tokens/keyring.ts";
import { fixture, mintInput, part } from "./tokens-fixture.ts";

const DAY = 86_400_000;
const kidsOf = async (k: TokenKeys) => (await jwks(k)).keys.map((x) => x.kid);

test("nodes starting together over one store converge on the first writer's keys", async () => {
  const store = await openStore({ dataDir: ":memory:" });
  const box = new SecretBox(randomBytes(32));
  // Count the writers: all three find no keys, generate their own, and race to store them.
  let writers = 0;
  const keyStore: KeyStore = {
    get: (name) => store.keys.get(name),
    put: (name, value) => store.keys.put(name, value),
    putIfAbsent: (name, value) => {
      writers++;
      return store.keys.putIfAbsent(name, value);
    },
  };
  const [a, b, c] = await Promise.all([0, 1, 2].map(() => TokenKeys.load(keyStore, box)));
  assert.ok(a && b && c);
  assert.equal(writers, 3);
  const kids = await kidsOf(a);
  assert.equal(kids.length, 2);
  assert.deepEqual(await kidsOf(b), kids);
  assert.deepEqual(await kidsOf(c), kids);
  assert.equal((await a.current("refresh")).kid, (await c.current("refresh")).kid);
  // A token minted on one node verifies on another.
  const now = Date.now();
  const m = await mintTokens({ keys: a, tokens: store.tokens }, mintInput(now));
  await verifyAccessToken({ keys: b, tokens: store.tokens }, m.authenticationResult.AccessToken, { now });
  assert.ok(await openRefreshToken(c, m.authenticationResult.RefreshToken ?? ""));
  // A later start reuses the stored keys.
  assert.deepEqual(await kidsOf(await TokenKeys.load(store.keys, box)), kids);
});

test("keys are stored sealed and need the master key", async () => {
  const f = await fixture();
  const sealed = (await f.store.keys.get(TOKEN_KEYS_NAME)) ?? "";
  assert.match(sealed, /^v1\./);
  // Markers of a clear key: characters base64url never contains, so random ciphertext cannot match.
  assert.ok(!sealed.includes('"kty"') && !sealed.includes("PRIVATE KEY"));
  await assert.rejects(TokenKeys.load(f.store.keys, new SecretBox(randomBytes(32))), /master key/);
});

test("three distinct keys with Cognito-shaped kids; JWKS publishes only the signing keys", async () => {
  const f = await fixture();
  const [id, access, refresh] = await Promise.all([
    f.keys.current("id"),
    f.keys.current("access"),
    f.keys.current("refresh"),
  ]);
  assert.equal(new Set([id.kid, access.kid, refresh.kid]).size, 3);
  for (const k of [id, access, refresh]) assert.match(k.kid, /^[A-Za-z0-9+/]{43}=$/);
  const doc = await jwks(f.keys);
  assert.deepEqual(
    doc.keys.map((k) => k.kid),
    [id.kid, access.kid],
  );
  for (const k of doc.keys) {
    assert.deepEqual(Object.keys(k), ["kid", "alg", "kty", "e", "n", "use"]);
    assert.equal(k.e, "AQAB");
    assert.equal(Buffer.from(k.n, "base64url").length, 256);
  }
});

test("rotation: new tokens use new keys, old tokens still verify, other nodes follow", async () => {
  const f = await fixture(1_700_000_000_000);
  const other = await TokenKeys.load(f.store.keys, f.box, { clock: () => f.clock.now });
  const before = await mintTokens(f.deps, mintInput(f.clock.now));
  const oldKids = await kidsOf(f.keys);
  f.clock.now += 1000;
  const { added } = await f.keys.rotate({ refreshKey: true });
  assert.equal(added.length, 3);
  const kids = await kidsOf(f.keys);
  assert.equal(kids.length, 4);
  assert.deepEqual(kids.slice(0, 2), added.slice(0, 2));
  assert.deepEqual(kids.slice(2).sort(), [...oldKids].sort());

  const after = await mintTokens(f.deps, mintInput(f.clock.now));
  assert.equal(part(after.authenticationResult.AccessToken, 0).kid, added[1]);
  for (const m of [before, after]) {
    await verifyAccessToken(f.deps, m.authenticationResult.AccessToken, { now: f.clock.now });
    assert.equal(
      await openRefreshToken(f.keys, m.authenticationResult.RefreshToken ?? ""),
      m.refreshRecord?.id,
    );
  }
  // The other node has not re-read the ring yet: an unknown kid makes it look, and so does age.
  const deps2 = { keys: other, tokens: f.store.tokens };
  f.clock.now += 5000;
  await verifyAccessToken(deps2, after.authenticationResult.AccessToken, { now: f.clock.now });
  f.clock.now += 60_000;
  assert.equal((await other.current("access")).kid, added[1]);
});

test("a second rotation a day later drops signing keys whose tokens have all expired", async () => {
  const f = await fixture(1_700_000_000_000);
  const first = await kidsOf(f.keys);
  f.clock.now += 1000;
  await f.keys.rotate();
  f.clock.now += DAY + 10 * 60_000;
  await f.keys.rotate();
  const kids = await kidsOf(f.keys);
  assert.equal(kids.length, 4);
  for (const k of first) assert.ok(!kids.includes(k));
});

test("rotateTokenKeys (for an operator CLI) rotates what running nodes use", async () => {
  const f = await fixture();
  const { added } = await rotateTokenKeys(f.store.keys, f.box);
  assert.equal(added.length, 2);
  await f.keys.reload();
  assert.equal((await f.keys.current("id")).kid, added[0]);
});

test("rotateRing keeps retired keys exactly as long as their tokens can live", () => {
  const key = (kid: string, use: StoredKey["use"], retiredAt: number | null): StoredKey => ({
    kid,
    use,
    createdAt: 0,
    retiredAt,
    jwk: {},
  });
  const now = 10 * DAY;
  const ring: StoredRing = {
    v: 1,
    keys: [
      key("id1", "id", null),
      key("acc1", "access", null),
      key("ref1", "refresh", null),
      key("idOld", "id", now - retentionMs("id") - 1),
      key("idRecent", "id", now - retentionMs("id")),
      key("refOld", "refresh", now - 5 * DAY),
    ],
  };
  const next = rotateRing(ring, [key("id2", "id", null), key("acc2", "access", null)], now);
  const byKid = new Map(next.keys.map((k) => [k.kid, k.retiredAt]));
  assert.deepEqual([...byKid.keys()], ["id2", "acc2", "id1", "acc1", "ref1", "idRecent", "refOld"]);
  assert.equal(byKid.get("id1"), now);
  assert.equal(byKid.get("ref1"), null);
  assert.ok(retentionMs("refresh") > 3650 * DAY);
});
