import assert from "node:assert/strict";
import { test } from "node:test";
import { MIGRATIONS, migrate } from "../../src/storage/sql/migrations.ts";
import { SqliteExecutor } from "../../src/storage/sql/sqlite-executor.ts";

/**
 * The tables a sign-in writes carry only indexes that some statement uses (migration 14,
 * docs/performance.md#fewer-index-pages): each insert and delete writes a page of every index. Each
 * statement that used a dropped index must still find its rows through one (SEARCH, never SCAN).
 */
const db = new SqliteExecutor(":memory:");
await migrate(db);

const indexes = async (table: string): Promise<string[]> =>
  (
    await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", [
      table,
    ])
  )
    .map((r) => r.name)
    .sort();

const plan = async (sql: string, params: (string | number)[]): Promise<string> =>
  (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => r.detail).join("; ");

test("counters: the primary key and the expiry index, nothing else", async () => {
  assert.deepEqual(await indexes("counters"), ["counters_expires_idx", "sqlite_autoindex_counters_1"]);
});

test("refresh_tokens: the primary key, the user's families and the expiry", async () => {
  assert.deepEqual(await indexes("refresh_tokens"), [
    "refresh_tokens_expires_idx",
    "refresh_tokens_user_origin_idx",
    "sqlite_autoindex_refresh_tokens_1",
  ]);
});

test("every sweep and revocation on these tables searches an index", async () => {
  const statements: [string, (string | number)[], string][] = [
    ["DELETE FROM counters WHERE expires_at < ?", [1], "counters_expires_idx"],
    ["DELETE FROM counters WHERE expires_at IS NULL AND last_at < ?", [1], "counters_expires_idx"],
    ["DELETE FROM refresh_tokens WHERE expires_at < ?", [1], "refresh_tokens_expires_idx"],
    [
      "UPDATE refresh_tokens SET revoked_at = ? WHERE pool_id = ? AND sub = ? AND origin_jti = ? AND revoked_at IS NULL",
      [1, "p", "s", "o"],
      "refresh_tokens_user_origin_idx (pool_id=? AND sub=? AND origin_jti=?)",
    ],
    [
      "UPDATE refresh_tokens SET revoked_at = ? WHERE pool_id = ? AND sub = ? AND revoked_at IS NULL",
      [1, "p", "s"],
      "refresh_tokens_user_origin_idx (pool_id=? AND sub=?)",
    ],
    ["DELETE FROM refresh_tokens WHERE pool_id = ?", ["p"], "refresh_tokens_user_origin_idx (pool_id=?)"],
  ];
  for (const [sql, params, index] of statements) {
    const p = await plan(sql, params);
    assert.match(p, /^SEARCH /, `${sql}: ${p}`);
    assert.ok(p.includes(index), `${sql} uses ${index}: ${p}`);
  }
});

test("a database of migration 13, with rows, takes migration 14 and keeps them", async () => {
  const old = new SqliteExecutor(":memory:");
  await old.script(
    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
  );
  for (const m of MIGRATIONS.filter((x) => x.version <= 13)) {
    await old.script(m.sql.replaceAll("{{C}}", "").replaceAll("{{UNLOGGED}}", ""));
    await old.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 0)", [
      m.version,
      m.name,
    ]);
  }
  await old.run(
    "INSERT INTO counters (key, count, first_at, last_at, prev_last_at, expires_at) VALUES ('k', 3, 1, 2, 1, NULL)",
  );
  await old.run(
    `INSERT INTO refresh_tokens (id, pool_id, client_id, sub, origin_jti, auth_time, created_at, expires_at)
     VALUES ('rt', 'p', 'c', 's', 'o', 1, 1, 9)`,
  );
  assert.deepEqual(
    await migrate(old),
    MIGRATIONS.filter((x) => x.version > 13).map((x) => x.version),
  );
  assert.equal((await old.get<{ count: number }>("SELECT count FROM counters WHERE key = 'k'"))?.count, 3);
  assert.equal(
    (await old.get<{ sub: string }>("SELECT sub FROM refresh_tokens WHERE origin_jti = 'o'"))?.sub,
    "s",
  );
  await old.close();
});
