import pg from "pg";
import type { Store } from "../ports.ts";
import type { Row, SqlExecutor, SqlValue } from "./executor.ts";
import { UniqueConstraintError } from "./executor.ts";
import { migrate } from "./migrations.ts";
import { toPositional } from "./postgres-placeholders.ts";
import { parsePostgresUrl } from "./postgres-url.ts";
import { sqlStore } from "./sql-store.ts";

/**
 * PostgreSQL behind the SqlExecutor seam (the `pg` driver, one pool per store). Statements outside a
 * transaction go to any pooled connection; a transaction checks out one connection for its whole life.
 * See docs/storage.md for what each store statement guarantees under concurrency.
 */

type Queryable = pg.Pool | pg.PoolClient;

const INT8_OID = 20;
const UNIQUE_VIOLATION = "23505";
const FEATURE_NOT_SUPPORTED = "0A000";
/** pg_advisory_lock key held while migrating: the bytes of "hushpool" as a bigint. */
const MIGRATION_LOCK_KEY = BigInt("0x68757368706f6f6c").toString();

/**
 * BIGINT columns hold epoch milliseconds and counts, all far below 2^53, so they are returned as
 * numbers. The parser is given to this pool only; pg's global parsers stay untouched.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary"
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * Named (prepared) statements: a connection parses and plans a statement text once and then only
 * binds and executes it, which spares the server's parse and plan and a round of protocol messages
 * per statement (docs/performance.md#prepared-statements-on-postgresql). pg keeps what each
 * connection has prepared. The stores' statements come from a small fixed set of shapes; texts past
 * MAX_NAMED run unnamed, so no connection accumulates prepared statements without bound.
 */
const MAX_NAMED = 500;
const names = new Map<string, string>();
let generation = 0;

function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `hp${generation}_${names.size}`;
    names.set(text, name);
  }
  return name;
}

/**
 * PostgreSQL refuses to run a prepared statement whose result columns changed since it was prepared
 * (`cached plan must not change result type`): a `SELECT *` after another node's migration added a
 * column. The refusal comes before the statement does anything, so the statement is run again
 * unnamed, and every name is given up: later statements are prepared afresh under new names.
 */
const isStalePlan = (e: unknown): boolean =>
  e instanceof pg.DatabaseError && e.code === FEATURE_NOT_SUPPORTED && /cached plan/.test(e.message);

async function query<T extends Row>(
  q: Queryable,
  sql: string,
  params: SqlValue[] = [],
  inTx = false,
): Promise<pg.QueryResult<T>> {
  const text = toPositional(sql);
  const name = statementName(text);
  try {
    try {
      return await q.query<T>(name === undefined ? { text, values: params } : { name, text, values: params });
    } catch (e) {
      if (name === undefined || !isStalePlan(e)) throw e;
      generation++;
      names.clear();
      // Inside a transaction the refusal has aborted it: the caller's transaction fails as a whole.
      if (inTx) throw e;
      return await q.query<T>({ text, values: params });
    }
  } catch (e) {
    if (e instanceof pg.DatabaseError && e.code === UNIQUE_VIOLATION) {
      throw new UniqueConstraintError(e.constraint ?? e.detail ?? e.message);
    }
    throw e;
  }
}

/** ROLLBACK or unlock failed: the connection is unusable and must not go back to the pool. */
class BrokenConnection extends Error {}

/** Runs `fn` between BEGIN and COMMIT on `client`, rolling back when it throws. */
async function inTransaction<T>(client: pg.PoolClient, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const out = await fn(new ClientExecutor(client, true));
    await client.query("COMMIT");
    return out;
  } catch (e) {
    try {
      await client.query("ROLLBACK");
    } catch (lost) {
      throw new BrokenConnection("ROLLBACK failed", { cause: lost });
    }
    throw e;
  }
}

/** Borrows a connection; a connection left in an unknown state is destroyed instead of reused. */
async function withClient<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await fn(client);
  } catch (e) {
    if (e instanceof BrokenConnection) broken = e;
    throw e;
  } finally {
    client.release(broken);
  }
}

/** An executor bound to one checked-out connection: inside a transaction, or holding a session lock. */
class ClientExecutor implements SqlExecutor {
  readonly dialect = "postgres" as const;
  private savepoints = 0;
  constructor(
    private readonly client: pg.PoolClient,
    private readonly inTx: boolean,
  ) {}
  async all<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return (await query<T>(this.client, sql, params, this.inTx)).rows;
  }
  async get<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T | undefined> {
    return (await query<T>(this.client, sql, params, this.inTx)).rows[0];
  }
  async run(sql: string, params?: SqlValue[]): Promise<{ changes: number }> {
    return { changes: (await query(this.client, sql, params, this.inTx)).rowCount ?? 0 };
  }
  /**
   * Already in a transaction: a savepoint, so the statements join it and, when `fn` throws, only they
   * are undone (a store method that is atomic on its own stays atomic inside a caller's transaction).
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.inTx ? this.savepoint(fn) : inTransaction(this.client, fn);
  }
  guarded<T>(fn: (db: SqlExecutor) => Promise<T>): Promise<T> {
    return this.inTx ? this.savepoint(fn) : fn(this);
  }
  private async savepoint<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    await this.client.query(`SAVEPOINT ${name}`);
    try {
      const out = await fn(this);
      await this.client.query(`RELEASE SAVEPOINT ${name}`);
      return out;
    } catch (e) {
      await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw e;
    }
  }
  async script(sql: string): Promise<void> {
    await this.client.query(sql);
  }
  async close(): Promise<void> {}
}

export interface PostgresOptions {
  connectionString: string;
  /** Startup `options` (e.g. `-c search_path=x`), sent when each connection opens. */
  options?: string | undefined;
  /** Largest number of connections this node opens (pg's default is 10). */
  max?: number;
}

export class PostgresExecutor implements SqlExecutor {
  readonly dialect = "postgres" as const;
  readonly pool: pg.Pool;

  constructor(opts: PostgresOptions) {
    this.pool = new pg.Pool({ ...opts, types });
    // An idle connection that dies (server restart, network) is dropped by the pool; without a
    // listener the 'error' event would crash the process. The next query opens a fresh connection.
    this.pool.on("error", () => {});
  }

  async all<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return (await query<T>(this.pool, sql, params)).rows;
  }
  async get<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T | undefined> {
    return (await query<T>(this.pool, sql, params)).rows[0];
  }
  async run(sql: string, params?: SqlValue[]): Promise<{ changes: number }> {
    return { changes: (await query(this.pool, sql, params)).rowCount ?? 0 };
  }
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return withClient(this.pool, (c) => inTransaction(c, fn));
  }
  /** Each pooled statement is its own transaction: a failure undoes only itself. */
  guarded<T>(fn: (db: SqlExecutor) => Promise<T>): Promise<T> {
    return fn(this);
  }
  /** Without parameters pg uses the simple query protocol, which accepts several statements. */
  async script(sql: string): Promise<void> {
    await this.pool.query(sql);
  }
  /** Runs `fn` on one connection holding the session-level advisory lock `key`. */
  withAdvisoryLock<T>(key: string, fn: (db: SqlExecutor) => Promise<T>): Promise<T> {
    return withClient(this.pool, async (c) => {
      await c.query("SELECT pg_advisory_lock($1)", [key]);
      try {
        return await fn(new ClientExecutor(c, false));
      } finally {
        // If this fails the session is gone, and PostgreSQL released the lock with it.
        await c.query("SELECT pg_advisory_unlock($1)", [key]).catch((lost: unknown) => {
          throw new BrokenConnection("advisory unlock failed", { cause: lost });
        });
      }
    });
  }
  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Opens PostgreSQL storage: creates the schema when one is named, applies pending migrations while
 * holding an advisory lock (nodes starting together migrate once; the others wait, then find nothing
 * to do), and builds every port on the pool.
 */
export async function openPostgresStore(
  url: string,
  opts: { schema?: string; max?: number } = {},
): Promise<Store> {
  const { schema, ...conn } = parsePostgresUrl(url, opts.schema);
  const db = new PostgresExecutor(opts.max === undefined ? conn : { ...conn, max: opts.max });
  try {
    await db.withAdvisoryLock(MIGRATION_LOCK_KEY, async (locked) => {
      if (schema) await locked.script(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await migrate(locked);
    });
  } catch (e) {
    await db.close();
    throw e;
  }
  return sqlStore(db);
}
