/**
 * Row counts of the tables that requests for unknown names write, and the database's size in use:
 * SQLite's pages minus its free list (the file itself never shrinks, freed pages are reused), or the
 * PostgreSQL tables' total relation size. Read over a connection of its own, beside the server's.
 */
import { join } from "node:path";
import pg from "pg";
import { openSqlite } from "../../src/storage/sql/sqlite-driver.ts";

export const WATCHED = ["codes", "counters", "rate_windows", "sessions", "outbox", "users"] as const;

/** PostgreSQL's VACUUM of the watched tables (space of deleted rows becomes reusable). */
export async function vacuum(postgresUrl: string): Promise<void> {
  const schema = new URL(postgresUrl).searchParams.get("schema") ?? "public";
  const c = new pg.Client({ connectionString: postgresUrl.replace(/[?&]schema=[^&]*/, "") });
  await c.connect();
  try {
    for (const t of WATCHED) await c.query(`VACUUM "${schema}"."${t}"`);
  } finally {
    await c.end();
  }
}

export async function tableSizes(
  dataDir: string,
  postgresUrl?: string,
): Promise<{ rows: Record<string, number>; bytes: number }> {
  const rows: Record<string, number> = {};
  if (!postgresUrl) {
    const db = openSqlite(join(dataDir, "hushpool.sqlite"), { readonly: true });
    try {
      for (const t of WATCHED)
        rows[t] = Number((db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n);
      const pragma = (p: string) => Number(db.pragma(p, { simple: true }));
      return { rows, bytes: (pragma("page_count") - pragma("freelist_count")) * pragma("page_size") };
    } finally {
      db.close();
    }
  }
  const schema = new URL(postgresUrl).searchParams.get("schema") ?? "public";
  const c = new pg.Client({ connectionString: postgresUrl.replace(/[?&]schema=[^&]*/, "") });
  await c.connect();
  try {
    let bytes = 0;
    for (const t of WATCHED) {
      const q = `"${schema}"."${t}"`;
      rows[t] = Number((await c.query(`SELECT COUNT(*) AS n FROM ${q}`)).rows[0]?.n ?? 0);
      bytes += Number((await c.query(`SELECT pg_total_relation_size('${q}') AS b`)).rows[0]?.b ?? 0);
    }
    return { rows, bytes };
  } finally {
    await c.end();
  }
}
