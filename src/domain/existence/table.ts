import { authRows } from "./auth-rows.ts";
import { recoveryRows } from "./recovery-rows.ts";
import type { ExistenceOperation, ExistenceRow, UserState } from "./types.ts";

/** Every row of the existence table: this rows and the sign-in rows. */
export const existenceRows: readonly ExistenceRow[] = [...recoveryRows, ...authRows];

const rowKey = (operation: string, state: string): string => `${operation}\u0000${state}`;

function index(rows: readonly ExistenceRow[]): ReadonlyMap<string, ExistenceRow> {
  const map = new Map<string, ExistenceRow>();
  for (const r of rows) {
    const k = rowKey(r.operation, r.state);
    if (map.has(k)) throw new Error(`existence table: duplicate row ${r.operation} / ${r.state}`);
    map.set(k, r);
  }
  return map;
}

const byKey = index(existenceRows);

/**
 * The row for (operation, state). A missing row is a programming error (an operation classified a
 * state its table does not cover), so it throws a plain Error, which the edge turns into
 * InternalErrorException; the unit tests check that every classifier state has a row.
 */
export function rowFor(operation: ExistenceOperation, state: UserState): ExistenceRow {
  const row = byKey.get(rowKey(operation, state));
  if (!row) throw new Error(`existence table: no row for ${operation} / ${state}`);
  return row;
}

export const hasRow = (operation: string, state: string): boolean => byKey.has(rowKey(operation, state));
