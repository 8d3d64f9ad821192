import cluster from "node:cluster";
import { dirname } from "node:path";
import type Database from "better-sqlite3";
import { ensurePrivateDir, ensurePrivateFile, tightenFile } from "../../crypto/private-files.ts";
import type { Row, SqlExecutor, SqlValue } from "./executor.ts";
import { UniqueConstraintError } from "./executor.ts";
import { BUSY_LIMIT_MS, busyPause, isBusy } from "./sqlite-busy.ts";
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
 *
 * Another process (a worker of the same node, docs/scaling.md#workers) may hold the database's write
 * lock. SQLite's busy handler would wait for it by sleeping inside the statement, which here blocks
 * the whole event loop; so the busy timeout is 0 and a statement or BEGIN that finds the database
 * busy is run again after an asynchronous pause (`untilNotBusy`, src/storage/sql/sqlite-busy.ts).
 */
export class SqliteExecutor implements SqlExecutor {
  readonly dialect = "sqlite" as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private lock: Promise<void> | null = null;
  private savepoints = 0;
  /** How many times a statement or BEGIN found the database busy and was run again (for tests). */
  readonly busy = { retries: 0 };

  private readonly busyLimitMs: number;

  /**
   * `busyLimitMs`: how long a statement may find the database busy before failing (tests shorten it).
   * `shared`: other processes write to this file too (default: this process is a cluster worker).
   */
  constructor(file: string, options: { busyLimitMs?: number; shared?: boolean } = {}) {
    this.busyLimitMs = options.busyLimitMs ?? BUSY_LIMIT_MS;
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
    const mode = this.db.pragma("journal_mode = WAL", { simple: true });
    for (const f of companions) tightenFile(f);
    this.db.pragma("synchronous = NORMAL");
    // In WAL mode only two things wait for another connection: taking the write lock (BEGIN
    // IMMEDIATE, an autocommit write) and, rarely, starting a read while another connection rebuilds
    // the WAL index. Both fail with SQLITE_BUSY having done nothing, and `untilNotBusy` runs them
    // again without blocking the event loop. Inside a transaction nothing waits: BEGIN IMMEDIATE took
    // the write lock and the read snapshot together, and COMMIT only appends to the WAL (the automatic
    // checkpoint after it is PASSIVE: it uses no busy handler and its result never fails the commit).
    // Any other journal mode (":memory:", or a file system where WAL is refused) keeps SQLite's own
    // waiting, 5 s, since there a COMMIT or a read inside a transaction can be busy too.
    this.db.pragma(`busy_timeout = ${mode === "wal" ? 0 : BUSY_LIMIT_MS}`);
    // A 64 MiB page cache and memory-mapped reads: lookups on the request path stay in memory at
    // hundreds of thousands of users, so a real user's row (on some page) and the masked path's decoy
    // row (always the same page) cost the same to read (docs/existence.md#equal-work).
    this.db.pragma("cache_size = -65536");
    // Memory-mapped reads only where this connection keeps its cache. At the first read after
    // another connection committed, SQLite drops this connection's whole page cache and unmaps the
    // file (pagerBeginReadTransaction); among workers that is most reads, and munmap, mmap and the
    // page faults after them cost more than reading those pages with pread
    // (docs/performance.md#two-workers-without-busy-sleeps). Real and decoy rows are still read the
    // same way: both from pages fetched again after the reset.
    const shared = options.shared ?? cluster.isWorker;
    this.db.pragma(`mmap_size = ${shared ? 0 : 268435456}`);
    // The automatic checkpoint runs synchronously inside whichever commit finds the WAL past the
    // threshold, with two fsyncs. Among workers the WAL often cannot start again from its beginning
    // after a checkpoint (the other worker is still reading it), so it stays past SQLite's default
    // 1,000 pages and later commits checkpoint again: 0.18–0.2 fsyncs per sign-in at 16 clients,
    // against 0.03 with 4,000 pages (16 MiB of WAL), which also served 5–15 % more sign-ins
    // (docs/performance.md#two-workers-without-busy-sleeps). Durability is the same: a commit is in the
    // WAL either way.
    if (shared) this.db.pragma("wal_autocheckpoint = 4000");
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
  // `untilNotBusy` is that wait and the act in one loop, so it keeps the rule after every pause.

  /**
   * Runs `act` (one statement, or BEGIN IMMEDIATE and taking the lock) once no transaction of this
   * process is open; while it fails with SQLITE_BUSY — another process holds the lock it needs, and
   * it did nothing — pauses without blocking the event loop and tries again, for up to
   * `busyLimitMs` (5 s), after which the busy error stands, as SQLite's busy timeout left it before. The
   * caller's next statement waits for this promise, so a request's statements keep their order.
   */
  private async untilNotBusy<T>(act: () => T): Promise<T> {
    let deadline = 0;
    for (let attempt = 0; ; attempt++) {
      while (this.lock) await this.lock;
      try {
        return act();
      } catch (e) {
        if (!isBusy(e)) throw e;
        const now = performance.now();
        if (attempt === 0) deadline = now + this.busyLimitMs;
        else if (now >= deadline) throw e;
      }
      this.busy.retries++;
      await busyPause(attempt);
    }
  }

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

  all<T extends Row = Row>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.untilNotBusy(() => this.exec(() => this.prepare(sql).all(...params) as T[]));
  }

  get<T extends Row = Row>(sql: string, params: SqlValue[] = []): Promise<T | undefined> {
    return this.untilNotBusy(() => this.exec(() => this.prepare(sql).get(...params) as T | undefined));
  }

  /** Outside a transaction a statement is its own transaction: a busy one wrote nothing and runs again whole. */
  run(sql: string, params: SqlValue[] = []): Promise<{ changes: number }> {
    return this.untilNotBusy(() => this.exec(() => ({ changes: this.prepare(sql).run(...params).changes })));
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let release: () => void = () => {};
    // BEGIN and taking the lock happen in one synchronous step: between them a statement of another
    // request could slip into the transaction. A busy BEGIN took nothing and holds no lock while it waits.
    await this.untilNotBusy(() => {
      this.db.exec("BEGIN IMMEDIATE");
      this.lock = new Promise<void>((r) => {
        release = r;
      });
    });
    try {
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

  /**
   * Several statements in one call (migrations, at startup): a busy one among them would leave the
   * ones before it done, so this is not run again; SQLite's own busy handler waits here instead.
   */
  async script(sql: string): Promise<void> {
    while (this.lock) await this.lock;
    const timeout = this.db.pragma("busy_timeout", { simple: true });
    this.db.pragma(`busy_timeout = ${BUSY_LIMIT_MS}`);
    try {
      this.db.exec(sql);
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  async close(): Promise<void> {
    while (this.lock) await this.lock;
    this.db.close();
  }
}
