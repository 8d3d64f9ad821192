import assert from "node:assert/strict";
import type { StoreTest } from "./fixtures.ts";
import { codeRecord, count, countResults } from "./fixtures.ts";

export function codeTests(it: StoreTest): void {
  it("codes: put replaces the outstanding code; take is single-use and needs the hash", async (s) => {
    const first = codeRecord("pool1", "sub1", "SIGN_UP", "hash-1");
    await s.codes.put(first);
    assert.deepEqual(await s.codes.get("pool1", "sub1", "SIGN_UP"), first);
    const second = { ...codeRecord("pool1", "sub1", "SIGN_UP", "hash-2"), createdAt: 2, expiresAt: 3 };
    await s.codes.put(second);
    assert.deepEqual(await s.codes.get("pool1", "sub1", "SIGN_UP"), second);
    assert.equal(
      await s.codes.take("pool1", "sub1", "SIGN_UP", "hash-1"),
      false,
      "only the latest code is valid",
    );
    assert.equal(await s.codes.take("pool1", "sub1", "FORGOT_PASSWORD", "hash-2"), false);
    assert.equal(await s.codes.take("pool1", "sub1", "SIGN_UP", "hash-2"), true);
    assert.equal(await s.codes.take("pool1", "sub1", "SIGN_UP", "hash-2"), false);
    assert.equal(await s.codes.get("pool1", "sub1", "SIGN_UP"), null);
  });

  it("codes: 20 concurrent takes of one code → exactly one wins", async (s) => {
    await s.codes.put(codeRecord("pool1", "sub1", "SIGN_UP", "h"));
    const takes = Array.from({ length: 20 }, () => s.codes.take("pool1", "sub1", "SIGN_UP", "h"));
    assert.equal(await countResults(takes, true), 1);
  });

  it("codes: deleteAll removes every purpose of one subject only", async (s) => {
    await s.codes.put(codeRecord("pool1", "sub1", "SIGN_UP", "a"));
    await s.codes.put(codeRecord("pool1", "sub1", "VERIFY:email", "b"));
    await s.codes.put(codeRecord("pool1", "sub2", "SIGN_UP", "c"));
    await s.codes.put(codeRecord("pool2", "sub1", "SIGN_UP", "d"));
    await s.codes.deleteAll("pool1", "sub1");
    assert.equal(await s.codes.get("pool1", "sub1", "SIGN_UP"), null);
    assert.equal(await s.codes.get("pool1", "sub1", "VERIFY:email"), null);
    assert.equal((await s.codes.get("pool1", "sub2", "SIGN_UP"))?.codeHash, "c");
    assert.equal((await s.codes.get("pool2", "sub1", "SIGN_UP"))?.codeHash, "d");
  });
}

export function counterTests(it: StoreTest): void {
  it("counters: a claim under a rule without limits counts; get, clear", async (s) => {
    assert.equal(await s.counters.get("k"), null);
    assert.deepEqual(await count(s, "k", 1000, {}), { count: 1, firstAt: 1000, lastAt: 1000 });
    assert.deepEqual(await count(s, "k", 2000, {}), { count: 2, firstAt: 1000, lastAt: 2000 });
    assert.deepEqual(await count(s, "other", 2500, {}), {
      count: 1,
      firstAt: 2500,
      lastAt: 2500,
    });
    assert.deepEqual(await s.counters.get("k"), { count: 2, firstAt: 1000, lastAt: 2000 });
    await s.counters.clear("k");
    assert.equal(await s.counters.get("k"), null);
    assert.equal((await count(s, "k", 3000, {})).count, 1);
    assert.equal((await s.counters.get("other"))?.count, 1);
  });

  it("counters: restart once the window since the first claim has passed", async (s) => {
    const w = { windowMs: 100 };
    assert.equal((await count(s, "k", 1000, w)).count, 1);
    assert.equal((await count(s, "k", 1050, w)).count, 2);
    assert.equal((await count(s, "k", 1100, w)).count, 3, "the window's last instant still counts");
    assert.deepEqual(await count(s, "k", 1101, w), { count: 1, firstAt: 1101, lastAt: 1101 });
  });

  it("counters: restart once idle for longer than idleMs", async (s) => {
    const idle = { idleMs: 50 };
    for (const [t, n] of [
      [0, 1],
      [40, 2],
      [90, 3],
      [140, 4],
    ] as const) {
      assert.equal((await count(s, "k", t, idle)).count, n);
    }
    assert.deepEqual(await count(s, "k", 191, idle), { count: 1, firstAt: 191, lastAt: 191 });
  });

  it("counters: 100 concurrent claims without limits see exactly 1..100", async (s) => {
    const counts = await Promise.all(
      Array.from({ length: 100 }, () => count(s, "k", 5000, { windowMs: 60_000, idleMs: 60_000 })),
    );
    assert.deepEqual(
      counts.map((c) => c.count).sort((a, b) => a - b),
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    assert.equal((await s.counters.get("k"))?.count, 100);
  });

  it("counters: incrementWindow counts per fixed window, apart from claim's counters", async (s) => {
    assert.deepEqual(await s.counters.incrementWindow("q", 1000, 1000), {
      count: 1,
      firstAt: 1000,
      lastAt: 1000,
    });
    assert.equal((await s.counters.incrementWindow("q", 1500, 1000)).count, 2);
    assert.equal((await s.counters.incrementWindow("q", 2000, 1000)).count, 3, "the window's last instant");
    assert.deepEqual(await s.counters.incrementWindow("q", 2001, 1000), {
      count: 1,
      firstAt: 2001,
      lastAt: 2001,
    });
    assert.equal(await s.counters.get("q"), null, "not one of claim's counters");
    assert.equal((await count(s, "q", 2001, {})).count, 1);
    assert.equal((await s.counters.incrementWindow("q", 2002, 1000)).count, 2);
  });

  it("counters: 100 concurrent incrementWindow calls see exactly 1..100", async (s) => {
    const counts = await Promise.all(
      Array.from({ length: 100 }, () => s.counters.incrementWindow("q", 5000, 1000)),
    );
    assert.deepEqual(
      counts.map((c) => c.count).sort((x, y) => x - y),
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
  });
}
