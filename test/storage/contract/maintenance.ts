import assert from "node:assert/strict";
import type { StoreTest } from "./fixtures.ts";
import { codeRecord, count, outboxMessage, refreshRecord, sessionRecord } from "./fixtures.ts";

const RETENTION = {
  sessionsMs: 3_600_000,
  counterGraceMs: 60_000,
  countersMs: 86_400_000,
  sentMessagesMs: 7 * 86_400_000,
  decoyMessagesMs: 0,
};

export function maintenanceTests(it: StoreTest): void {
  it("maintenance: missingMigrations is empty on a migrated store", async (s) => {
    assert.deepEqual(await s.maintenance.missingMigrations(), []);
  });

  it("maintenance: sweep removes only what can no longer matter, and is idempotent", async (s) => {
    const t0 = 1_700_000_000_000;
    await s.codes.put(codeRecord("pool1", "old", "SIGN_UP", "h1")); // expires t0 + 1 h
    await s.codes.put({ ...codeRecord("pool1", "new", "SIGN_UP", "h2"), expiresAt: t0 + 10 * 3_600_000 });
    await s.sessions.put(sessionRecord("sess-old", "pool1")); // expires t0 + 180 s
    await s.sessions.put({ ...sessionRecord("sess-new", "pool1"), expiresAt: t0 + 10 * 3_600_000 });
    await count(s, "idle", t0, {});
    await count(s, "busy", t0 + 5 * 3_600_000, {});
    await s.tokens.putRefresh(refreshRecord("rt-old", "pool1", "sub1", "o1", { expiresAt: t0 + 1000 }));
    await s.tokens.putRefresh(refreshRecord("rt-new", "pool1", "sub1", "o2"));
    await s.tokens.revokeOrigin({ poolId: "pool1", sub: "sub1", originJti: "o1" }, t0, t0 + 1000);
    await s.outbox.add(outboxMessage("sent-old", "pool1", { sentAt: t0 }));
    await s.outbox.add(outboxMessage("pending-old", "pool1", { sentAt: null }));

    const now = t0 + 8 * 86_400_000;
    const first = await s.maintenance.sweep(t0 + 6 * 3_600_000, RETENTION);
    assert.equal(first.codes, 1);
    assert.equal(first.sessions, 1);
    assert.equal(first.refresh_tokens, 1);
    assert.equal(first.revoked_origins, 1);
    assert.equal(await s.codes.get("pool1", "old", "SIGN_UP"), null);
    assert.notEqual(await s.codes.get("pool1", "new", "SIGN_UP"), null);
    assert.equal(await s.sessions.get("sess-old"), null);
    assert.notEqual(await s.sessions.get("sess-new"), null);
    assert.equal(await s.tokens.getRefresh("rt-old"), null);
    assert.notEqual(await s.tokens.getRefresh("rt-new"), null);

    const later = await s.maintenance.sweep(now, RETENTION);
    assert.equal(later.counters, 2);
    assert.equal(later.outbox, 1);
    const left = await s.outbox.list("pool1");
    assert.deepEqual(
      left.map((m) => m.id),
      ["pending-old"],
      "unsent messages are never swept",
    );
    const again = await s.maintenance.sweep(now, RETENTION);
    assert.ok(Object.values(again).every((n) => n === 0));
  });

  it("maintenance: a counter is swept once its window or idle time has passed (plus the grace)", async (s) => {
    const t0 = 1_700_000_000_000;
    const hour = 3_600_000;
    await count(s, "window", t0, { windowMs: hour });
    await count(s, "window", t0 + 30 * 60_000, { windowMs: hour }); // window still from t0
    await count(s, "idle", t0, { idleMs: 15 * 60_000 });
    await count(s, "idle", t0 + 10 * 60_000, { idleMs: 15 * 60_000 }); // idle from t0 + 10 min
    await count(s, "both", t0, { windowMs: hour, idleMs: 5 * 60_000 }); // the idle time ends first
    await count(s, "quota", t0, { windowMs: 1000 });
    await count(s, "forever", t0, {});
    await s.counters.incrementWindow("quota-window", t0, 1000);

    assert.equal((await s.maintenance.sweep(t0 + 60_000, RETENTION)).counters, 0, "nothing within the grace");
    const first = await s.maintenance.sweep(t0 + 61_001, RETENTION);
    assert.equal(first.counters, 1, "the 1 s window + grace");
    assert.equal(first.rate_windows, 1, "the quota window too");
    assert.equal(await s.counters.get("quota"), null);
    assert.equal((await s.counters.incrementWindow("quota-window", t0 + 61_002, 1000)).count, 1);
    assert.equal((await s.maintenance.sweep(t0 + 6 * 60_000 + 1, RETENTION)).counters, 1, "idle 5 min");
    assert.equal(await s.counters.get("both"), null);
    assert.equal((await s.maintenance.sweep(t0 + 26 * 60_000 + 1, RETENTION)).counters, 1, "idle 15 min");
    assert.equal(await s.counters.get("idle"), null);
    assert.equal(await s.maintenance.sweep(t0 + hour + 60_000, RETENTION).then((r) => r.counters), 0);
    assert.equal((await s.maintenance.sweep(t0 + hour + 60_001, RETENTION)).counters, 1, "1 h window");
    assert.equal(await s.counters.get("window"), null);
    assert.notEqual(await s.counters.get("forever"), null, "no reset: only the idle backstop");
    assert.equal((await s.maintenance.sweep(t0 + 86_400_001, RETENTION)).counters, 1);
  });

  it("maintenance: a restarted counter's expiry moves with it", async (s) => {
    const t0 = 1_700_000_000_000;
    await count(s, "k", t0, { windowMs: 1000 });
    assert.equal((await count(s, "k", t0 + 5000, { windowMs: 1000 })).count, 1, "restarted");
    assert.equal((await s.maintenance.sweep(t0 + 61_001, RETENTION)).counters, 0, "expires at t0 + 6 s now");
    assert.equal((await s.maintenance.sweep(t0 + 66_001, RETENTION)).counters, 1);
  });

  it("maintenance: sent decoy messages go at the next sweep, real ones after sentMessagesMs", async (s) => {
    const t0 = 1_700_000_000_000;
    await s.outbox.add(outboxMessage("real", "pool1", { sentAt: t0 }));
    await s.outbox.add(outboxMessage("decoy", "pool1", { sentAt: t0, purpose: "DECOY" }));
    await s.outbox.add(outboxMessage("decoy-unsent", "pool1", { sentAt: null, purpose: "DECOY" }));
    const swept = await s.maintenance.sweep(t0 + 1, RETENTION);
    assert.equal(swept.outbox, 1);
    const ids = (await s.outbox.list("pool1")).map((m) => m.id).sort();
    assert.deepEqual(ids, ["decoy-unsent", "real"], "an unsent decoy waits for the drainer");
    assert.equal((await s.maintenance.sweep(t0 + 7 * 86_400_000 + 1, RETENTION)).outbox, 1, "the real one");
  });
}
