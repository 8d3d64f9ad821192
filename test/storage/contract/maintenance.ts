import assert from "node:assert/strict";
import type { StoreTest } from "./fixtures.ts";
import { codeRecord, outboxMessage, refreshRecord, sessionRecord } from "./fixtures.ts";

const RETENTION = { sessionsMs: 3_600_000, countersMs: 86_400_000, sentMessagesMs: 7 * 86_400_000 };

export function maintenanceTests(it: StoreTest): void {
  it("maintenance: sweep removes only what can no longer matter, and is idempotent", async (s) => {
    const t0 = 1_700_000_000_000;
    await s.codes.put(codeRecord("pool1", "old", "SIGN_UP", "h1")); // expires t0 + 1 h
    await s.codes.put({ ...codeRecord("pool1", "new", "SIGN_UP", "h2"), expiresAt: t0 + 10 * 3_600_000 });
    await s.sessions.put(sessionRecord("sess-old", "pool1")); // expires t0 + 180 s
    await s.sessions.put({ ...sessionRecord("sess-new", "pool1"), expiresAt: t0 + 10 * 3_600_000 });
    await s.counters.increment("idle", t0, {});
    await s.counters.increment("busy", t0 + 5 * 3_600_000, {});
    await s.tokens.putRefresh(refreshRecord("rt-old", "pool1", "sub1", "o1", { expiresAt: t0 + 1000 }));
    await s.tokens.putRefresh(refreshRecord("rt-new", "pool1", "sub1", "o2"));
    await s.tokens.revokeOrigin("o1", t0, t0 + 1000);
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
}
