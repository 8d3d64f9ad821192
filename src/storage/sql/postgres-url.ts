/**
 * hushpool's reading of a postgres:// URL. Everything is handed to `pg` except `schema`, hushpool's
 * own parameter, which becomes the connections' search_path (see docs/storage.md).
 */
export interface PostgresConnection {
  connectionString: string;
  /** Startup `options` (e.g. `-c search_path=x`), sent when each connection opens. */
  options?: string;
  /** The schema to create if absent and to work in. */
  schema?: string;
}

/** Lower-case identifiers only, so the name needs no quoting rules in search_path. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** `schema` (an explicit option) wins over the URL's `?schema=`; any `options=` in the URL is kept. */
export function parsePostgresUrl(url: string, schema?: string): PostgresConnection {
  const u = new URL(url);
  const chosen = schema ?? u.searchParams.get("schema") ?? undefined;
  u.searchParams.delete("schema");
  if (chosen === undefined) return { connectionString: u.toString() };
  if (!SCHEMA_NAME.test(chosen)) throw new Error(`schema must match ${SCHEMA_NAME}: ${chosen}`);
  // pg lets a connection string's parameters override explicit config, so `options` moves out of it.
  const extra = u.searchParams.get("options");
  u.searchParams.delete("options");
  const options = [extra, `-c search_path=${chosen}`].filter(Boolean).join(" ");
  return { connectionString: u.toString(), options, schema: chosen };
}
