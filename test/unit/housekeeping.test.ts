import assert from "node:assert/strict";
import { test } from "node:test";
import { pino } from "pino";
import { RETENTION, startHousekeeping } from "../../src/jobs/housekeeping.ts";
import type { Messenger } from "../../src/messaging/messenger.ts";
import type { Retention, Store } from "../../src/storage/ports.ts";

test("housekeeping drains the outbox and sweeps on its timers, and stops cleanly", (t) => {
  // The intervals are driven by node:test's mock timers: no real waiting, and no flakiness under load.
  t.mock.timers.enable({ apis: ["setInterval"] });
  let drains = 0;
  const sweeps: Retention[] = [];
  const sweep = async (_now: number, r: Retention) => {
    sweeps.push(r);
    return {};
  };
  const store = { maintenance: { sweep } } as unknown as Store;
  const messenger = { drain: async () => void drains++ } as unknown as Messenger;
  const stop = startHousekeeping(
    { store, messenger, clock: { now: () => 0 }, log: pino({ level: "silent" }) },
    { drainEveryMs: 5, sweepEveryMs: 5 },
  );
  t.mock.timers.tick(40);
  stop();
  const seen = { drains, sweeps: sweeps.length };
  t.mock.timers.tick(20);
  assert.ok(seen.drains >= 2 && seen.sweeps >= 2, JSON.stringify(seen));
  assert.deepEqual({ drains, sweeps: sweeps.length }, seen, "no work after stop");
  assert.deepEqual(sweeps[0], RETENTION);
  assert.ok(RETENTION.sessionsMs > 15 * 60_000 && RETENTION.countersMs > 60 * 60_000);
  assert.ok(RETENTION.counterGraceMs >= 1000 && RETENTION.decoyMessagesMs < RETENTION.sentMessagesMs);
});
