import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";

/**
 * Which build of better-sqlite3 opens the database (docs/packaging.md#node-versions).
 *
 * better-sqlite3 12 wraps its objects with Node's raw `node::ObjectWrap`; from Node 24.19 on, that
 * wrapper's destructor checks for a current Node environment, and a Statement or Database collected
 * by a background garbage collection aborts the whole process ("Assertion failed: (env) != nullptr"
 * in RemoveEnvironmentCleanupHook). better-sqlite3 13 is built on Node-API and does not, but needs
 * Node 22 or later (on Node 20 it crashes on load). So both are dependencies — 13 under the alias
 * `better-sqlite3-napi` — and the running Node picks: 22 and later get 13, Node 20 gets 12. Their
 * JavaScript API is the same, so one set of types serves both.
 */
const require = createRequire(import.meta.url);
const major = Number(process.versions.node.split(".")[0]);

/** The package this runtime loads. */
export const sqliteDriverName = major >= 22 ? "better-sqlite3-napi" : "better-sqlite3";

const Database = require(sqliteDriverName) as typeof BetterSqlite3;

/** Opens (or creates) a SQLite database file with the driver this runtime should use. */
export function openSqlite(file: string, options?: BetterSqlite3.Options): BetterSqlite3.Database {
  return new Database(file, options);
}
