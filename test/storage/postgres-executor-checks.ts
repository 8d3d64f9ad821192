import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { UniqueConstraintError } from "../../src/storage/sql/executor.ts";
import { MIGRATIONS } from "../../src/storage/sql/migrations.ts";
import { openPostgresStore, PostgresExecutor } from "../../src/storage/sql/postgres-executor.ts";
import { toPositional } from "../../src/storage/sql/postgres-placeholders.ts";
import { parsePostgresUrl } from "../../src/storage/sql/postgres-url.ts";
import type { TestSchema } from "../helpers/postgres.ts";
import { freshSchema, POSTGRES_URL } from "../helpers/postgres.ts";

/**
 * The PostgreSQL executor's own duties, beyond the storage contract. Registered by postgres.test.ts,
 * which checks reachability once; `unavailable` skips the tests that need a server.
 */
export function postgresExecutorTests(unavailable: string | undefined): void {
  test("toPositional numbers ? placeholders and leaves quotes and comments alone", () => {
    assert.equal(
      toPositional(`SELECT '?', "a?b", ? -- what?\n, ? /* ? */ FROM t WHERE x = ? AND y = 'it''s ?'`),
      `SELECT '?', "a?b", $1 -- what?\n, $2 /* ? */ FROM t WHERE x = $3 AND y = 'it''s ?'`,
    );
    assert.equal(toPositional("SELECT 1"), "SELECT 1");
    assert.equal(toPositional("SELECT ? /* unterminated ?"), "SELECT $1 /* unterminated ?");
    assert.equal(toPositional("SELECT 'unterminated ?"), "SELECT 'unterminated ?");
  });

  test("parsePostgresUrl turns ?schema= into a search_path startup option", () => {
    assert.deepEqual(parsePostgresUrl("postgres://u@h:5432/db"), {
      connectionString: "postgres://u@h:5432/db",
    });
    assert.deepEqual(parsePostgresUrl("postgres://u@h/db?schema=tenant_a&sslmode=disable"), {
      connectionString: "postgres://u@h/db?sslmode=disable",
      options: "-c search_path=tenant_a",
      schema: "tenant_a",
    });
    assert.equal(parsePostgresUrl("postgres://u@h/db?schema=a", "b").schema, "b", "the explicit option wins");
    assert.equal(
      parsePostgresUrl("postgres://u@h/db?schema=a&options=-c%20statement_timeout%3D5000").options,
      "-c statement_timeout=5000 -c search_path=a",
    );
    assert.throws(() => parsePostgresUrl("postgres://u@h/db?schema=Bad-Name"));
  });

  describe("PostgresExecutor", { skip: unavailable }, () => {
    let schema: TestSchema;
    let db: PostgresExecutor;
    before(async () => {
      schema = await freshSchema(POSTGRES_URL);
      db = new PostgresExecutor({ ...parsePostgresUrl(schema.url), max: 2 });
      await db.script(
        `CREATE SCHEMA "${schema.name}"; CREATE TABLE t (k TEXT CONSTRAINT t_k_uq UNIQUE, n BIGINT)`,
      );
    });
    after(async () => {
      await db?.close();
      await schema?.drop();
    });

    test("BIGINT comes back as a number, without touching pg's global parsers", async () => {
      assert.deepEqual(await db.get("SELECT ?::bigint AS n, COUNT(*) AS c FROM t", [9007199254740991]), {
        n: 9007199254740991,
        c: 0,
      });
      assert.equal(pg.types.getTypeParser(20, "text")("5"), "5");
    });

    test("a unique violation is a UniqueConstraintError naming the constraint", async () => {
      await db.run("INSERT INTO t (k, n) VALUES (?, ?)", ["dup", 1]);
      await assert.rejects(
        db.run("INSERT INTO t (k, n) VALUES (?, ?)", ["dup", 2]),
        (e) => e instanceof UniqueConstraintError && e.constraint === "t_k_uq",
      );
    });

    test("transaction commits on success, rolls back on a throw, and returns its connection", async () => {
      const n = await db.transaction(async (tx) => {
        await tx.run("INSERT INTO t (k, n) VALUES (?, ?)", ["tx-ok", 1]);
        return (await tx.get<{ c: number }>("SELECT COUNT(*) AS c FROM t WHERE k = ?", ["tx-ok"]))?.c;
      });
      assert.equal(n, 1);
      // More failing transactions than pooled connections: a leaked connection would hang here.
      for (let i = 0; i < 6; i++) {
        await assert.rejects(
          db.transaction(async (tx) => {
            await tx.run("INSERT INTO t (k, n) VALUES (?, ?)", [`tx-bad-${i}`, i]);
            await tx.run("INSERT INTO t (k, n) VALUES (?, ?)", ["dup", i]);
          }),
          UniqueConstraintError,
        );
      }
      assert.equal((await db.get("SELECT COUNT(*) AS c FROM t WHERE k LIKE 'tx-bad-%'"))?.c, 0);
      assert.equal((await db.get("SELECT COUNT(*) AS c FROM t WHERE k = 'tx-ok'"))?.c, 1);
    });

    // Statements are prepared per connection (named): one prepared before a column was added must
    // still answer, with the new column, as an unprepared one would. Last: it changes the table.
    test("a prepared SELECT * answers after another node's migration added a column", async () => {
      await db.run("INSERT INTO t (k, n) VALUES (?, ?)", ["stale", 7]);
      const read = () => db.all("SELECT * FROM t WHERE k = ?", ["stale"]);
      await Promise.all([read(), read(), read(), read()]); // prepared on both pooled connections
      const other = new pg.Client({ connectionString: POSTGRES_URL });
      await other.connect();
      try {
        await other.query(`ALTER TABLE "${schema.name}".t ADD COLUMN extra TEXT`);
      } finally {
        await other.end();
      }
      for (const rows of await Promise.all([read(), read(), read(), read()])) {
        assert.deepEqual(rows, [{ k: "stale", n: 7, extra: null }]);
      }
      const inTx = await db.transaction((tx) => tx.all("SELECT * FROM t WHERE k = ?", ["stale"]));
      assert.deepEqual(inTx, [{ k: "stale", n: 7, extra: null }]);
    });
  });

  test("several nodes opening one fresh schema at once migrate it exactly once", {
    skip: unavailable,
  }, async () => {
    const schema = await freshSchema(POSTGRES_URL);
    try {
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => openPostgresStore(schema.url, { max: 2 })),
      );
      assert.ok(stores.every((s) => s.kind === "postgres"));
      await Promise.all(stores.map((s) => s.close()));
      const check = new pg.Client({ connectionString: POSTGRES_URL });
      await check.connect();
      try {
        const { rows } = await check.query(
          `SELECT version FROM "${schema.name}".schema_migrations ORDER BY version`,
        );
        assert.deepEqual(
          rows.map((r) => Number(r.version)),
          MIGRATIONS.map((m) => m.version),
        );
      } finally {
        await check.end();
      }
    } finally {
      await schema.drop();
    }
  });
}
