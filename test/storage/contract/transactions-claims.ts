import assert from "node:assert/strict";
import type { ClaimRule } from "../../../src/storage/ports.ts";
import { UniqueViolation } from "../../../src/storage/ports.ts";
import type { StoreTest } from "./fixtures.ts";
import { codeRecord, outboxMessage, userRecord } from "./fixtures.ts";

/** Store.transaction (ports.ts) and CounterStore.claim / refund: the atomic units the domain builds on. */

export function transactionTests(it: StoreTest): void {
  it("transaction: the writes of one call commit together", async (s) => {
    const u = userRecord("pool1", "alice");
    const out = await s.transaction(async (tx) => {
      await tx.users.create(u);
      await tx.codes.put(codeRecord("pool1", u.sub, "SIGN_UP", "h"));
      await tx.outbox.add(outboxMessage("m1", "pool1"));
      return "done";
    });
    assert.equal(out, "done");
    assert.equal((await s.users.findBySub("pool1", u.sub))?.username, "alice");
    assert.equal((await s.codes.get("pool1", u.sub, "SIGN_UP"))?.codeHash, "h");
    assert.equal((await s.outbox.list("pool1")).length, 1);
  });

  it("transaction: a throw undoes every write of the call and is rethrown", async (s) => {
    const u = userRecord("pool1", "alice");
    await assert.rejects(
      s.transaction(async (tx) => {
        await tx.users.create(u);
        await tx.codes.put(codeRecord("pool1", u.sub, "SIGN_UP", "h"));
        throw new Error("boom");
      }),
      /boom/,
    );
    assert.equal(await s.users.findBySub("pool1", u.sub), null);
    assert.equal(await s.codes.get("pool1", u.sub, "SIGN_UP"), null);
  });

  it("transaction: a refused insert inside leaves the transaction usable", async (s) => {
    await s.users.create(userRecord("pool1", "taken"));
    const fresh = userRecord("pool1", "fresh");
    await s.transaction(async (tx) => {
      await assert.rejects(tx.users.create(userRecord("pool1", "taken")), UniqueViolation);
      await tx.users.create(fresh);
    });
    assert.equal((await s.users.findBySub("pool1", fresh.sub))?.username, "fresh");
  });

  it("transaction: a nested transaction is a savepoint", async (s) => {
    const kept = userRecord("pool1", "kept");
    const undone = userRecord("pool1", "undone");
    await s.transaction(async (tx) => {
      await tx.users.create(kept);
      await assert.rejects(
        tx.transaction(async (inner) => {
          await inner.users.create(undone);
          throw new Error("inner");
        }),
        /inner/,
      );
    });
    assert.notEqual(await s.users.findBySub("pool1", kept.sub), null);
    assert.equal(await s.users.findBySub("pool1", undone.sub), null);
  });

  it("transaction: concurrent transactions on one row serialise (no lost update)", async (s) => {
    const u = userRecord("pool1", "alice", { meta: { n: 0 } });
    await s.users.create(u);
    // Each adds one through a read-modify-write with compare-and-set and retries when stale.
    const bump = async () => {
      for (;;) {
        const ok = await s.transaction(async (tx) => {
          const cur = await tx.users.findBySub("pool1", u.sub);
          if (!cur) throw new Error("gone");
          return tx.users.save({ ...cur, meta: { n: Number(cur.meta.n) + 1 } });
        });
        if (ok) return;
      }
    };
    await Promise.all(Array.from({ length: 10 }, bump));
    const end = await s.users.findBySub("pool1", u.sub);
    assert.deepEqual([end?.meta.n, end?.version], [10, 10]);
  });
}

const LOCKOUT: ClaimRule = { idleMs: 900_000, lock: { free: 5, stepsMs: [1000, 2000, 4000] } };
const BUDGET: ClaimRule = { windowMs: 3_600_000, max: 3 };

export function claimTests(it: StoreTest): void {
  it("counters: claim with a budget grants `max` per window, then null without counting", async (s) => {
    const t = 1_000_000;
    const granted = [];
    for (let i = 0; i < 5; i++) granted.push((await s.counters.claim("b", t + i, BUDGET))?.count ?? null);
    assert.deepEqual(granted, [1, 2, 3, null, null]);
    assert.deepEqual(await s.counters.get("b"), { count: 3, firstAt: t, lastAt: t + 2 });
    assert.deepEqual(await s.counters.claim("b", t + 3_600_001, BUDGET), {
      count: 1,
      firstAt: t + 3_600_001,
      lastAt: t + 3_600_001,
    });
  });

  it("counters: claim with a lock schedule: five free, then locked per step, refusals not counted", async (s) => {
    const t = 2_000_000;
    for (let i = 1; i <= 5; i++) assert.equal((await s.counters.claim("l", t, LOCKOUT))?.count, i);
    assert.equal(await s.counters.claim("l", t + 999, LOCKOUT), null, "the fifth locks for 1 s");
    assert.equal((await s.counters.claim("l", t + 1000, LOCKOUT))?.count, 6);
    assert.equal(await s.counters.claim("l", t + 2999, LOCKOUT), null, "the sixth for 2 s");
    assert.equal((await s.counters.claim("l", t + 3000, LOCKOUT))?.count, 7);
    assert.equal(await s.counters.claim("l", t + 6999, LOCKOUT), null);
    assert.equal((await s.counters.claim("l", t + 7000, LOCKOUT))?.count, 8);
    assert.equal(await s.counters.claim("l", t + 10_999, LOCKOUT), null, "the last step repeats");
    assert.deepEqual(await s.counters.claim("l", t + 7000 + 900_001, LOCKOUT), {
      count: 1,
      firstAt: t + 907_001,
      lastAt: t + 907_001,
    });
  });

  it("counters: 100 concurrent claims → exactly as many granted as the rule allows", async (s) => {
    const now = 3_000_000;
    const lock = await Promise.all(Array.from({ length: 100 }, () => s.counters.claim("l", now, LOCKOUT)));
    const counts = lock.flatMap((c) => (c ? [c.count] : [])).sort((a, b) => a - b);
    assert.deepEqual(counts, [1, 2, 3, 4, 5], "each granted claim saw its own count");
    const budget = await Promise.all(Array.from({ length: 100 }, () => s.counters.claim("b", now, BUDGET)));
    assert.equal(budget.filter((c) => c !== null).length, 3);
    assert.deepEqual((await s.counters.get("l"))?.count, 5);
    // After the lock lapses, a burst gets exactly one.
    const burst = await Promise.all(
      Array.from({ length: 50 }, () => s.counters.claim("l", now + 1000, LOCKOUT)),
    );
    assert.equal(burst.filter((c) => c !== null).length, 1);
  });

  it("counters: refund takes a claim back as if it never happened", async (s) => {
    const t = 4_000_000;
    for (let i = 0; i < 3; i++) await s.counters.claim("l", t + i, LOCKOUT);
    const mine = await s.counters.claim("l", t + 500, LOCKOUT);
    assert.ok(mine);
    await s.counters.refund("l", mine);
    assert.deepEqual(await s.counters.get("l"), { count: 3, firstAt: t, lastAt: t + 2 });
    // A later claim moved lastAt: the refund leaves it.
    const early = await s.counters.claim("l", t + 600, LOCKOUT);
    await s.counters.claim("l", t + 700, LOCKOUT);
    assert.ok(early);
    await s.counters.refund("l", early);
    assert.deepEqual(await s.counters.get("l"), { count: 4, firstAt: t, lastAt: t + 700 });
    // Refunding the claim that created the row leaves a counter that counts for nothing.
    const first = await s.counters.claim("new", t, LOCKOUT);
    assert.ok(first);
    await s.counters.refund("new", first);
    assert.equal((await s.counters.get("new"))?.count, 0);
    assert.equal((await s.counters.claim("new", t + 1, LOCKOUT))?.count, 1);
  });
}
