import assert from "node:assert/strict";
import { test } from "node:test";
import { benchDelayProbe, deferringControl } from "../../src/bench-delay.ts";
import { heldToFloor } from "../../src/server/time-floor.ts";

// docs/existence.md#the-time-floor

test("an answer leaves no sooner than the floor, measured from arrival", async () => {
  const startedAt = performance.now();
  const out = await heldToFloor(startedAt, 25, async () => "done");
  const elapsed = performance.now() - startedAt;
  assert.equal(out, "done");
  assert.ok(elapsed >= 25, `left after ${elapsed} ms`);
});

test("a refusal waits for the floor too, then is thrown as it was", async () => {
  const startedAt = performance.now();
  const refusal = new Error("CodeMismatchException");
  await assert.rejects(
    heldToFloor(startedAt, 25, async () => {
      throw refusal;
    }),
    (e) => e === refusal,
  );
  assert.ok(performance.now() - startedAt >= 25);
});

test("the time the work took does not move the moment the answer leaves", async () => {
  // Two works of different length end at the same deadline (give or take scheduling on a busy machine).
  const ends: number[] = [];
  for (const workMs of [0, 12]) {
    const startedAt = performance.now();
    await heldToFloor(startedAt, 30, async () => {
      const until = performance.now() + workMs;
      while (performance.now() < until) {
        // busy work
      }
    });
    ends.push(performance.now() - startedAt);
  }
  for (const e of ends) assert.ok(e >= 30 && e < 130, `answers left at ${ends.join(", ")} ms`);
});

test("work longer than the floor is answered when it ends, without further wait", async () => {
  const startedAt = performance.now();
  await heldToFloor(startedAt, 1, () => new Promise((r) => setTimeout(r, 20)));
  assert.ok(performance.now() - startedAt < 200);
});

test("inside a floored request the positive control is owed, not spent, and paid after the floor", async () => {
  const probe = benchDelayProbe({ micros: 3000, path: "unknown-user" });
  const control = deferringControl(async () => {
    const t0 = performance.now();
    probe.existenceDecision?.("unknown-user");
    probe.existenceDecision?.("confirmed");
    probe.existenceDecision?.("unknown-user");
    return performance.now() - t0;
  });
  const spentInside = await control.done;
  assert.ok(spentInside < 3, `the probe spun ${spentInside} ms inside the floor`);
  assert.equal(control.owed(), 6000);

  const startedAt = performance.now();
  await heldToFloor(startedAt, 5, async () => probe.existenceDecision?.("unknown-user"));
  assert.ok(performance.now() - startedAt >= 5 + 3, "the owed 3 ms are spent after the floor");

  // Outside a floored request the probe spins where the decision is made, as before.
  const t0 = performance.now();
  probe.existenceDecision?.("unknown-user");
  assert.ok(performance.now() - t0 >= 3);
});
