import { parse } from "csv-parse/sync";
import type { PoolRecord, Store } from "../../storage/ports.ts";
import { CognitoError } from "../errors/index.ts";
import { poolConfig } from "../pools/pool.ts";
import { checkAttributes, checkRequired } from "../users/attributes.ts";
import { insertUser } from "../users/insert-user.ts";
import { newUserRecord } from "../users/new-user.ts";
import { newUserIdentity } from "../users/new-user-identity.ts";
import { csvHeaderOf } from "./csv-header.ts";

/**
 * The CSV of a user import, as AWS describes it
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool-csv-header.html):
 * the header row first, every GetCSVHeader column present in any order, commas inside values escaped
 * with `\`. Parsed with csv-parse; a backslash-escaped comma is swapped for a private-use character
 * before parsing and back after, since csv-parse only knows escapes inside quotes.
 */
const ESCAPED_COMMA = "\uE000";

export type ParsedCsv = { ok: true; header: string[]; rows: string[][] } | { ok: false; reason: string };

export function parseImportCsv(pool: PoolRecord, text: string): ParsedCsv {
  let records: string[][];
  try {
    records = parse(text.replaceAll("\\,", ESCAPED_COMMA), {
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as string[][];
  } catch (e) {
    return { ok: false, reason: `The CSV file could not be read: ${(e as Error).message}` };
  }
  const header = (records[0] ?? []).map((h) => h.trim());
  const expected = csvHeaderOf(pool);
  const missing = expected.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !expected.includes(c));
  if (missing.length > 0 || unknown.length > 0 || new Set(header).size !== header.length) {
    const parts = [
      ...(missing.length ? [`missing columns: ${missing.join(", ")}`] : []),
      ...(unknown.length ? [`unknown columns: ${unknown.join(", ")}`] : []),
    ];
    return {
      ok: false,
      reason: `The CSV header does not match GetCSVHeader (${parts.join("; ") || "repeated columns"}).`,
    };
  }
  const rows = records.slice(1).map((r) => r.map((v) => v.replaceAll(ESCAPED_COMMA, ",")));
  return { ok: true, header, rows };
}

export type RowOutcome = { kind: "imported" } | { kind: "skipped" | "failed"; reason: string };

const TRUE_FALSE = new Set(["true", "false"]);

/**
 * Imports one row as a RESET_REQUIRED user without a password ("the user must reset the password
 * before signing in"). Skipped: the username exists. Failed: anything else wrong with the row, with
 * the reason (Cognito's message where an attribute check gives one).
 */
export async function importRow(
  store: Store,
  pool: PoolRecord,
  header: string[],
  values: string[],
  now: number,
): Promise<RowOutcome> {
  if (values.length !== header.length) {
    return { kind: "failed", reason: `The row has ${values.length} values for ${header.length} columns.` };
  }
  const row = new Map(header.map((h, i) => [h, values[i] ?? ""]));
  const username = row.get("cognito:username") ?? "";
  if (username === "" || /\s/.test(username)) {
    return { kind: "failed", reason: "cognito:username must be present and contain no spaces or tabs." };
  }
  const mfa = (row.get("cognito:mfa_enabled") ?? "").toLowerCase();
  if (!TRUE_FALSE.has(mfa)) return { kind: "failed", reason: "cognito:mfa_enabled must be true or false." };
  if (mfa === "true" && poolConfig(pool).MfaConfiguration === "OFF") {
    return { kind: "failed", reason: "cognito:mfa_enabled is true but the user pool has MFA off." };
  }
  for (const v of ["email_verified", "phone_number_verified"]) {
    const value = (row.get(v) ?? "").toLowerCase();
    if (value !== "" && !TRUE_FALSE.has(value))
      return { kind: "failed", reason: `${v} must be true or false.` };
    if (value !== "") row.set(v, value);
  }
  if (row.get("email_verified") !== "true" && row.get("phone_number_verified") !== "true") {
    return {
      kind: "failed",
      reason: "At least one of email_verified and phone_number_verified must be true.",
    };
  }
  if (row.get("email_verified") === "true" && !row.get("email")) {
    return { kind: "failed", reason: "email_verified is true but email is empty." };
  }
  if (row.get("phone_number_verified") === "true" && !row.get("phone_number")) {
    return { kind: "failed", reason: "phone_number_verified is true but phone_number is empty." };
  }
  try {
    const c = poolConfig(pool);
    const list = [...row]
      .filter(([name, value]) => !name.startsWith("cognito:") && value !== "")
      .map(([Name, Value]) => ({ Name, Value }));
    const identity = newUserIdentity(c, username, checkAttributes(c, list));
    checkRequired(c, identity.attributes);
    const user = newUserRecord({
      pool,
      ...(identity.username !== undefined ? { username: identity.username } : {}),
      attributes: identity.attributes,
      status: "RESET_REQUIRED",
      now,
    });
    await insertUser(store, pool, user, false);
    return { kind: "imported" };
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
    if (e.type === "UsernameExistsException") return { kind: "skipped", reason: e.message };
    return { kind: "failed", reason: e.message };
  }
}
