import type { CounterState, CounterStore } from "../ports.ts";
import type { SqlExecutor, SqlValue } from "./executor.ts";

interface CounterRow {
  [k: string]: unknown;
  count: number | string;
  first_at: number | string;
  last_at: number | string;
}

const toState = (r: CounterRow): CounterState => ({
  count: Number(r.count),
  firstAt: Number(r.first_at),
  lastAt: Number(r.last_at),
});

type Reset = { windowMs?: number; idleMs?: number };

/**
 * `expires_at` after an increment: when the counter would restart anyway (its window since first_at
 * or its idle time since last_at has passed), so the sweep may drop it then. Returns the SQL for the
 * updated row (old values are `counters.*`, `restart` says whether this increment restarts it) with
 * its parameters, and the value for a fresh row. Neither reset: no expiry (NULL).
 */
function expiry(now: number, r: Reset, restart: string, restartParams: number[]) {
  const byIdle = r.idleMs === undefined ? null : now + r.idleMs;
  if (r.windowMs === undefined) return { sql: "?", params: [byIdle], fresh: byIdle };
  const byWindow = `CASE WHEN ${restart} THEN ? ELSE counters.first_at + ? END`;
  const windowParams = [...restartParams, now + r.windowMs, r.windowMs];
  const fresh = byIdle === null ? now + r.windowMs : Math.min(now + r.windowMs, byIdle);
  if (byIdle === null) return { sql: byWindow, params: windowParams, fresh };
  return {
    sql: `CASE WHEN ${byWindow} < ? THEN ${byWindow} ELSE ? END`,
    params: [...windowParams, byIdle, ...windowParams, byIdle],
    fresh,
  };
}

export function sqlCounterStore(db: SqlExecutor): CounterStore {
  return {
    async increment(key, now, reset) {
      // One statement, so concurrent increments (even from several nodes) are serialised by the
      // database and none is lost: the count a caller sees is exact.
      const windowStart = reset.windowMs === undefined ? -1 : now - reset.windowMs;
      const idleStart = reset.idleMs === undefined ? -1 : now - reset.idleMs;
      const restart = "(counters.first_at < ? OR counters.last_at < ?)";
      const bounds = [windowStart, idleStart];
      const expires = expiry(now, reset, restart, bounds);
      const params: SqlValue[] = [key, now, now, expires.fresh, ...bounds, ...bounds, ...expires.params];
      const r = await db.get<CounterRow>(
        `INSERT INTO counters (key, count, first_at, last_at, expires_at) VALUES (?, 1, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN ${restart} THEN 1 ELSE counters.count + 1 END,
           first_at = CASE WHEN ${restart} THEN excluded.first_at ELSE counters.first_at END,
           last_at = excluded.last_at,
           expires_at = ${expires.sql}
         RETURNING count, first_at, last_at`,
        params,
      );
      if (!r) throw new Error("counter upsert returned no row");
      return toState(r);
    },
    async incrementWindow(key, now, windowMs) {
      // One statement, like `increment`; the window restarts once `windowMs` has passed since it began.
      const ended = now - windowMs;
      const r = await db.get<{ count: number | string; window_start: number | string }>(
        `INSERT INTO rate_windows (key, count, window_start, expires_at) VALUES (?, 1, ?, ?)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN rate_windows.window_start < ? THEN 1 ELSE rate_windows.count + 1 END,
           window_start = CASE WHEN rate_windows.window_start < ? THEN excluded.window_start
             ELSE rate_windows.window_start END,
           expires_at = CASE WHEN rate_windows.window_start < ? THEN excluded.expires_at
             ELSE rate_windows.expires_at END
         RETURNING count, window_start`,
        [key, now, now + windowMs, ended, ended, ended],
      );
      if (!r) throw new Error("window upsert returned no row");
      return { count: Number(r.count), firstAt: Number(r.window_start), lastAt: now };
    },
    async get(key) {
      const r = await db.get<CounterRow>("SELECT count, first_at, last_at FROM counters WHERE key = ?", [
        key,
      ]);
      return r ? toState(r) : null;
    },
    async clear(key) {
      await db.run("DELETE FROM counters WHERE key = ?", [key]);
    },
  };
}
