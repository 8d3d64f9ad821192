import assert from "node:assert/strict";
import type { StoreTest } from "./fixtures.ts";
import { refreshRecord, sessionRecord } from "./fixtures.ts";

export function sessionTests(it: StoreTest): void {
  it("sessions: put, get, and consume returns the session as it was", async (s) => {
    const sess = sessionRecord("sess1", "pool1");
    await s.sessions.put(sess);
    assert.deepEqual(await s.sessions.get("sess1"), sess);
    assert.deepEqual(await s.sessions.consume("sess1", 42), sess, "the first caller sees usedAt null");
    assert.deepEqual(await s.sessions.get("sess1"), { ...sess, usedAt: 42 });
    assert.deepEqual(await s.sessions.consume("sess1", 43), { ...sess, usedAt: 42 });
    assert.equal(await s.sessions.consume("missing", 1), null);
    assert.equal(await s.sessions.get("missing"), null);
  });

  it("sessions: 20 concurrent consumes → exactly one first use", async (s) => {
    await s.sessions.put(sessionRecord("sess1", "pool1"));
    const all = await Promise.all(Array.from({ length: 20 }, (_, i) => s.sessions.consume("sess1", 100 + i)));
    assert.equal(all.filter((r) => r !== null && r.usedAt === null).length, 1);
  });
}

export function tokenTests(it: StoreTest): void {
  it("tokens: putRefresh and getRefresh round-trip", async (s) => {
    const t = refreshRecord("rt1", "pool1", "sub1", "origin1");
    await s.tokens.putRefresh(t);
    assert.deepEqual(await s.tokens.getRefresh("rt1"), t);
    assert.equal(await s.tokens.getRefresh("missing"), null);
  });

  it("tokens: revokeOrigin revokes that origin's tokens and remembers the origin", async (s) => {
    await s.tokens.putRefresh(refreshRecord("rt1", "pool1", "sub1", "origin1"));
    await s.tokens.putRefresh(refreshRecord("rt2", "pool1", "sub1", "origin2"));
    assert.equal(await s.tokens.isOriginRevoked("origin1"), false);
    const family = { poolId: "pool1", sub: "sub1", originJti: "origin1" };
    await s.tokens.revokeOrigin(family, 500, 9_999);
    assert.equal((await s.tokens.getRefresh("rt1"))?.revokedAt, 500);
    assert.equal((await s.tokens.getRefresh("rt2"))?.revokedAt, null);
    assert.equal(await s.tokens.isOriginRevoked("origin1"), true);
    assert.equal(await s.tokens.isOriginRevoked("origin2"), false);
    await s.tokens.revokeOrigin(family, 600, 9_999);
    assert.equal((await s.tokens.getRefresh("rt1"))?.revokedAt, 500, "the first revocation time stays");
    // An origin with no stored refresh token (e.g. an access token's) is still remembered.
    await s.tokens.revokeOrigin({ ...family, originJti: "origin-without-token" }, 700, 9_999);
    assert.equal(await s.tokens.isOriginRevoked("origin-without-token"), true);
  });

  it("tokens: revokeUser revokes every refresh token of that user only", async (s) => {
    await s.tokens.putRefresh(refreshRecord("a1", "pool1", "sub1", "o1"));
    await s.tokens.putRefresh(refreshRecord("a2", "pool1", "sub1", "o2", { revokedAt: 10 }));
    await s.tokens.putRefresh(refreshRecord("b1", "pool1", "sub2", "o3"));
    await s.tokens.putRefresh(refreshRecord("c1", "pool2", "sub1", "o4"));
    await s.tokens.revokeUser("pool1", "sub1", 800);
    assert.equal((await s.tokens.getRefresh("a1"))?.revokedAt, 800);
    assert.equal((await s.tokens.getRefresh("a2"))?.revokedAt, 10);
    assert.equal((await s.tokens.getRefresh("b1"))?.revokedAt, null);
    assert.equal((await s.tokens.getRefresh("c1"))?.revokedAt, null);
  });

  it("tokens: markRotated — the first caller wins, 20 at once → exactly one", async (s) => {
    await s.tokens.putRefresh(refreshRecord("r1", "pool1", "sub1", "o1"));
    assert.equal(await s.tokens.markRotated("r1", 1_000, 31_000), true);
    assert.equal(await s.tokens.markRotated("r1", 2_000, 2_000), false, "rotated already");
    const after = await s.tokens.getRefresh("r1");
    assert.equal(after?.rotatedAt, 1_000);
    assert.equal(after?.retiresAt, 31_000);
    assert.equal(await s.tokens.markRotated("missing", 1, 1), false);
    await s.tokens.putRefresh(refreshRecord("r2", "pool1", "sub1", "o2"));
    const all = await Promise.all(
      Array.from({ length: 20 }, (_, i) => s.tokens.markRotated("r2", 100 + i, 100 + i)),
    );
    assert.equal(all.filter(Boolean).length, 1);
  });
}
