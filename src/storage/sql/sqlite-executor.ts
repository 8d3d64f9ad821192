import { dirname } from "node:path";
import type Database from "better-sqlite3";
import { ensurePrivateDir, ensurePrivateFile, tightenFile } from "../../crypto/private-files.ts";
import type { Row, SqlExecutor, SqlValue } from "./executor.ts";
import { UniqueConstraintError } from "./executor.ts";
import { openSqlite } from "./sqlite-driver.ts";

/**
 * `LIMIT ?` with the limit bound as a parameter made every run of the group-claims read of a sign-in
 * cost ~43 µs instead of ~6.6 µs on the development machine (measured; apparently SQLite plans the
 * statement again when a bound value can shape the plan, and a LIMIT can). `LIMIT CAST(? AS INTEGER)`
 * is the same limit as an expression, which runs at the literal's speed (docs/performance.md#near-the-floor).
 * Same rows, same order.
 */
const BOUND_LIMIT = /\bLIMIT \?(?=\s|$|\))/g;

/**
 * better-sqlite3 behind the async executor interface. Statements run synchronously, so a statement
 * never interleaves with another; an async transaction takes a lock so that statements from other
 * requests wait until it commits instead of slipping into it.
 */
export class SqliteExecutor implements SqlExecutor {
  readonly dialect = "sqlite" as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private lock: Promise<void> | null = null;
  private savepoints = 0;

  constructor(file: string) {
    // The database holds sealed secrets and every user's data: 0700 directory, 0600 files, including
    // -wal and -shm left by an older version (src/crypto/private-files.ts).
    const companions = file === ":memory:" ? [] : [`${file}-wal`, `${file}-shm`];
    if (file !== ":memory:") {
      ensurePrivateDir(dirname(file));
      ensurePrivateFile(file);
      for (const f of companions) tightenFile(f);
    }
    this.db = openSqlite(file);
    // WAL keeps readers and the writer apart; synchronous=NORMAL in WAL mode loses nothing when the
    // process dies (kill -9), only on power loss, which is the documented SQLite trade-off.
    this.db.pragma("journal_mode = WAL");
    for (const f of companions) tightenFile(f);
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    // A 64 MiB page cache and memory-mapped reads: lookups on the request path stay in memory at
    // hundreds of thousands of users, so a real user's row (on some page) and the masked path's decoy
    // row (always the same page) cost the same to read (docs/existence.md#equal-work).
    this.db.pragma("cache_size = -65536");
    this.db.pragma("mmap_size = 268435456");
  }

  private prepare(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql.replace(BOUND_LIMIT, "LIMIT CAST(? AS INTEGER)"));
      this.statements.set(sql, st);
    }
    return st;
  }

  private exec<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      const err = e as { code?: string; message?: string };
      if (err.code === "SQLITE_CONSTRAINT_UNIQUE" || err.code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
        throw new UniqueConstraintError(err.message ?? "");
      }
      throw e;
    }
  }

  // Callers wait with an inline `while (this.lock) await this.lock;` and then act without awaiting:
  // a helper `await this.waitForLock()` adds a microtask hop after the check, in which a second
  // transaction could take the lock too (two BEGINs on one connection) or a statement slip into one.

  private direct(): SqlExecutor {
    return {
      dialect: this.dialect,
      all: async <T extends Row>(sql: string, params: SqlValue[] = []) =>
        this.exec(() => this.prepare(sql).all(...params) as T[]),
      get: async <T extends Row>(sql: string, params: SqlValue[] = []) =>
        this.exec(() => this.prepare(sql).get(...params) as T | undefined),
      run: async (sql: string, params: SqlValue[] = []) =>
        this.exec(() => ({ changes: this.prepare(sql).run(...params).changes })),
      transaction: (fn) => this.savepoint(fn),
      guarded: (fn) => this.savepoint(fn),
      script: async (sql: string) => {
        this.db.exec(sql);
      },
      close: async () => {},
    };
  }

  /**
   * A transaction opened inside another is a savepoint: its statements join the outer transaction, and
   * when `fn` throws only they are undone (the outer transaction goes on, or rolls back as a whole).
   */
  private async savepoint<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const out = await fn(this.direct());
      this.db.exec(`RELEASE ${name}`);
      return out;
    } catch (e) {
      if (this.db.inTransaction) {
        this.db.exec(`ROLLBACK TO ${name}`);
        this.db.exec(`RELEASE ${name}`);
      }
      throw e;
    }
  }

  async all<T extends Row = Row>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    while (this.lock) await this.lock;
    return this.exec(() => this.prepare(sql).all(...params) as T[]);
  }

  async get<T extends Row = Row>(sql: string, params: SqlValue[] = []): Promise<T | undefined> {
    while (this.lock) await this.lock;
    return this.exec(() => this.prepare(sql).get(...params) as T | undefined);
  }

  async run(sql: string, params: SqlValue[] = []): Promise<{ changes: number }> {
    while (this.lock) await this.lock;
    return this.exec(() => ({ changes: this.prepare(sql).run(...params).changes }));
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    while (this.lock) await this.lock;
    let release: () => void = () => {};
    this.lock = new Promise<void>((r) => {
      release = r;
    });
    try {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const out = await fn(this.direct());
        this.db.exec("COMMIT");
        return out;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw e;
      }
    } finally {
      this.lock = null;
      release();
    }
  }

  /** Outside a transaction a failed statement undoes only itself: nothing to guard. */
  guarded<T>(fn: (db: SqlExecutor) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async script(sql: string): Promise<void> {
    while (this.lock) await this.lock;
    this.db.exec(sql);
  }

  async close(): Promise<void> {
    while (this.lock) await this.lock;
    this.db.close();
  }
}
