/**
 * The oracle's untimed preparation (bench/lib/oracle.ts `prepare`, docs/measuring.md#how-requests-are-sent):
 * run just before each send of its class, warm-up included, and never inside a timed sample.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { type OracleClass, runOracle } from "../../bench/lib/oracle.ts";

test("runOracle runs a class's prepare before each of its sends, outside the timed span", async () => {
  const log: string[] = [];
  const PREPARE_MS = 15;
  const cls = (label: string): OracleClass => ({
    label,
    prepare: async () => {
      log.push(`prepare ${label}`);
      await sleep(PREPARE_MS);
    },
    send: async () => {
      log.push(`send ${label}`);
    },
  });
  const r = await runOracle({
    name: "prepared",
    classes: [cls("a"), cls("b")],
    samplesPerClass: 10,
    warmup: 2,
  });
  assert.equal(log.length, 2 * 2 * (10 + 2));
  for (let i = 0; i < log.length; i += 2) {
    const label = (log[i + 1] ?? "").replace("send ", "");
    assert.equal(log[i], `prepare ${label}`, `entry ${i}`);
  }
  // A sample that included the preparation would be at least PREPARE_MS long.
  for (const c of r.classes) {
    assert.equal(c.samples.length, 10);
    for (const us of c.samples) assert.ok(us < PREPARE_MS * 1000, `${c.label}: ${us} µs`);
  }
});
