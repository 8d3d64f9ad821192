import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { openSqlite } from "../../src/storage/sql/sqlite-driver.ts";
import { SqliteExecutor } from "../../src/storage/sql/sqlite-executor.ts";

/**
 * Workers share one SQLite file (docs/scaling.md#workers). When another connection holds the write
 * lock, the executor waits for it without blocking the event loop: a timer set after the write still
 * fires while the write waits, and reads go on. `other` plays the other worker: a second connection
 * that holds a write transaction open until the test commits it, so nothing here depends on timing.
 */
const dir = mkdtempSync(join(tmpdir(), "hushpool-busy-"));
const file = join(dir, "db.sqlite");
const db = new SqliteExecutor(file);
await db.script("CREATE TABLE t (n INTEGER PRIMARY KEY)");
const other = openSqlite(file, { timeout: 0 });
after(async () => {
  other.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = async (): Promise<number[]> =>
  (await db.all<{ n: number }>("SELECT n FROM t ORDER BY n")).map((r) => r.n);

/** Settles to "pending" unless `p` has settled by the time a timer fires: the event loop turned meanwhile. */
const stateAfterTimer = async (p: Promise<unknown>): Promise<string> => {
  let state = "pending";
  p.then(
    () => (state = "done"),
    () => (state = "failed"),
  );
  await sleep(20);
  return state;
};

test("a write that finds the lock taken waits with the event loop running, then succeeds", async () => {
  other.exec("BEGIN IMMEDIATE");
  other.prepare("INSERT INTO t VALUES (1)").run();
  const retriesBefore = db.busy.retries;
  const write = db.run("INSERT INTO t VALUES (2)");
  // With SQLite's busy handler the call above slept inside the statement (5 s here, then SQLITE_BUSY)
  // and the timer could fire only after it had failed.
  assert.equal(await stateAfterTimer(write), "pending");
  assert.ok(db.busy.retries > retriesBefore);
  // Reads do not wait for the writer (WAL): they see the last commit.
  assert.deepEqual(await rows(), []);
  other.exec("COMMIT");
  assert.deepEqual(await write, { changes: 1 });
  assert.deepEqual(await rows(), [1, 2]);
});

test("a transaction waits for BEGIN IMMEDIATE without holding this process's statements back", async () => {
  other.exec("BEGIN IMMEDIATE");
  other.prepare("INSERT INTO t VALUES (3)").run();
  const tx = db.transaction(async (t) => {
    await t.run("INSERT INTO t VALUES (4)");
    await t.run("INSERT INTO t VALUES (5)");
    return (await t.all<{ n: number }>("SELECT n FROM t ORDER BY n")).map((r) => r.n);
  });
  assert.equal(await stateAfterTimer(tx), "pending");
  assert.deepEqual(await rows(), [1, 2]);
  other.exec("COMMIT");
  assert.deepEqual(await tx, [1, 2, 3, 4, 5]);
});

test("a request whose first write waits goes on once the lock is free, and reads its own write", async () => {
  other.exec("BEGIN IMMEDIATE");
  let seen: number | undefined;
  const request = (async () => {
    await db.run("INSERT INTO t VALUES (6)");
    seen = (await db.get<{ n: number }>("SELECT max(n) AS n FROM t"))?.n;
    await db.run("DELETE FROM t WHERE n = 6");
  })();
  assert.equal(await stateAfterTimer(request), "pending");
  assert.equal(seen, undefined, "nothing after the waiting write ran before it");
  other.exec("ROLLBACK");
  await request;
  assert.equal(seen, 6);
  assert.deepEqual(await rows(), [1, 2, 3, 4, 5]);
});

test("two connections writing at once, one holding its transaction across a timer: every write lands", async () => {
  const second = new SqliteExecutor(file);
  try {
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      writes.push(
        second.transaction(async (t) => {
          await t.run("INSERT INTO t VALUES (?)", [100 + i]);
          await sleep(1); // holds the write lock while the event loop turns
          await t.run("INSERT INTO t VALUES (?)", [200 + i]);
        }),
      );
      writes.push(db.run("INSERT INTO t VALUES (?)", [300 + i]));
    }
    await Promise.all(writes);
    const n = await db.get<{ c: number }>("SELECT count(*) AS c FROM t WHERE n >= 100");
    assert.equal(n?.c, 60);
  } finally {
    await second.close();
  }
});

test("after the limit the busy error stands (SQLITE_BUSY, nothing written)", async () => {
  const short = new SqliteExecutor(file, { busyLimitMs: 50 });
  try {
    other.exec("BEGIN IMMEDIATE");
    await assert.rejects(
      short.run("INSERT INTO t VALUES (7)"),
      (e: { code?: string }) => e.code === "SQLITE_BUSY",
    );
    await assert.rejects(
      short.transaction(async (t) => t.run("INSERT INTO t VALUES (8)")),
      (e: { code?: string }) => e.code === "SQLITE_BUSY",
    );
    other.exec("ROLLBACK");
    assert.equal((await short.get("SELECT n FROM t WHERE n IN (7, 8)")) ?? null, null);
    // The failed transaction released this process's lock: the next statement runs.
    assert.deepEqual(await short.run("INSERT INTO t VALUES (9)"), { changes: 1 });
  } finally {
    await short.close();
  }
});
