import assert from "node:assert/strict";
import { test } from "node:test";
import { FREE_FAILURES, IDLE_RESET_MS, lockedUntil, MAX_LOCK_MS } from "../../src/domain/auth-flows/index.ts";
import { LOCKOUT_RULE } from "../../src/domain/auth-flows/lockout.ts";

/** Cognito's documented schedule (docs/authentication.md#lockout-and-throttling): five free failures, then 2^(n−5) s, capped near 15 min. */
const at = (count: number, lastAt = 1_000_000) => ({ count, firstAt: 0, lastAt });

test("five failures are free; the fifth locks for 1 s, the sixth for 2 s, doubling", () => {
  assert.equal(FREE_FAILURES, 5);
  assert.equal(lockedUntil(null, 0), 0);
  assert.equal(lockedUntil(at(4), 1_000_000), 0);
  assert.equal(lockedUntil(at(5), 1_000_000), 1_001_000);
  assert.equal(lockedUntil(at(5), 1_001_000), 0);
  assert.equal(lockedUntil(at(6), 1_000_000), 1_002_000);
  assert.equal(lockedUntil(at(10), 1_000_000), 1_032_000);
});

test("the lock is capped at 15 minutes and a counter idle for 15 minutes is forgotten", () => {
  assert.equal(lockedUntil(at(15), 1_000_000), 1_000_000 + MAX_LOCK_MS);
  assert.equal(lockedUntil(at(40), 1_000_000), 1_000_000 + MAX_LOCK_MS);
  assert.equal(lockedUntil(at(40), 1_000_000 + IDLE_RESET_MS), 0);
});

test("the claim rule the store enforces is the same schedule", () => {
  const lock = LOCKOUT_RULE.lock;
  assert.ok(lock);
  assert.equal(lock.free, FREE_FAILURES);
  assert.equal(LOCKOUT_RULE.idleMs, IDLE_RESET_MS);
  for (let count = FREE_FAILURES; count <= 40; count++) {
    const step: number | undefined = lock.stepsMs[Math.min(count - lock.free, lock.stepsMs.length - 1)];
    assert.equal(step, lockedUntil(at(count, 1_000_000), 1_000_000) - 1_000_000, `count ${count}`);
  }
});
