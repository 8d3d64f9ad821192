import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * PostgreSQL for tests: where it is, whether it answers, and throw-away schemas so that test runs
 * (and parallel test files) never see each other's rows. `.ci/run` starts the server, so CI never
 * skips; a developer without PostgreSQL gets one line saying so.
 */
export const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const PREFIX = "hp_test_";
/** Schemas left behind by a killed run are swept once they are this old. */
const STALE_MS = 60 * 60 * 1000;

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Undefined when PostgreSQL answers at `url`; otherwise why not (one line, for a skip message). */
export async function postgresUnavailable(url = POSTGRES_URL): Promise<string | undefined> {
  try {
    await withClient(url, (c) => c.query("SELECT 1"));
    return undefined;
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return `PostgreSQL not reachable at ${redact(url)} (${why}): skipping PostgreSQL tests`;
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

export interface TestSchema {
  /** A fresh, unused schema name (hp_test_<seconds>_<random>); openPostgresStore creates it. */
  name: string;
  /** `url` with `?schema=<name>`, e.g. for `--database-url` of a spawned server. */
  url: string;
  /** Deletes every row but schema_migrations' (far cheaper than a new schema between tests). */
  empty(): Promise<void>;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** Names a fresh schema and sweeps stale ones that crashed runs left behind. */
export async function freshSchema(url = POSTGRES_URL): Promise<TestSchema> {
  await sweepStale(url);
  const name = `${PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(6).toString("hex")}`;
  const u = new URL(url);
  u.searchParams.set("schema", name);
  return {
    name,
    url: u.toString(),
    empty: () => withClient(url, (c) => emptyAll(c, name)),
    drop: () => withClient(url, (c) => c.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`)).then(() => {}),
  };
}

/** DELETE, not TRUNCATE: for a few rows it avoids TRUNCATE's new files and their fsyncs. */
async function emptyAll(c: pg.Client, schema: string): Promise<void> {
  const { rows } = await c.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'",
    [schema],
  );
  const deletes = rows.map((r) => `DELETE FROM "${schema}"."${r.tablename}";`).join(" ");
  await c.query(`SET synchronous_commit = off; BEGIN; ${deletes} COMMIT;`);
}

async function sweepStale(url: string): Promise<void> {
  await withClient(url, async (c) => {
    const { rows } = await c.query<{ nspname: string }>(
      "SELECT nspname FROM pg_namespace WHERE nspname LIKE $1",
      [`${PREFIX.replaceAll("_", "\\_")}%`],
    );
    for (const { nspname } of rows) {
      const seconds = Number(nspname.slice(PREFIX.length).split("_")[0]);
      if (Number.isFinite(seconds) && Date.now() - seconds * 1000 > STALE_MS) {
        // Another test process may be sweeping the same schema; losing that race is fine.
        await c.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`).catch(() => {});
      }
    }
  });
}
