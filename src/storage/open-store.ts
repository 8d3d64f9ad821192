import { join } from "node:path";
import type { Store } from "./ports.ts";
import { migrate } from "./sql/migrations.ts";
import { sqlStore } from "./sql/sql-store.ts";
import { SqliteExecutor } from "./sql/sqlite-executor.ts";

/**
 * Opens the configured store and brings its schema up to date. Without a database URL the embedded
 * SQLite file `<dataDir>/hushpool.sqlite` is used.
 */
export async function openStore(opts: {
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL connections per node (`--database-pool-size`); pg's default 10 when absent. */
  poolSize?: number;
}): Promise<Store> {
  if (opts.databaseUrl) {
    const { openPostgresStore } = await import("./sql/postgres-executor.ts");
    return openPostgresStore(opts.databaseUrl, opts.poolSize === undefined ? {} : { max: opts.poolSize });
  }
  const db = new SqliteExecutor(
    opts.dataDir === ":memory:" ? ":memory:" : join(opts.dataDir, "hushpool.sqlite"),
  );
  await migrate(db);
  return sqlStore(db);
}
