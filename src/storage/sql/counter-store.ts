import type { ClaimRule, CounterState, CounterStore } from "../ports.ts";
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
 * `expires_at` after a granted claim: when the counter would restart anyway (its window since first_at
 * or its idle time since last_at has passed), so the sweep may drop it then. Returns the SQL for the
 * updated row (old values are `counters.*`, `restart` says whether this claim restarts it) with
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

/** A rule's integer, written into the SQL text (rules are constants of the code, never input). */
function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`counter rule: ${n} is not an integer`);
  return String(n);
}

/**
 * The claim statement for a rule: an upsert whose DO UPDATE has a WHERE, so a refused claim updates
 * nothing and RETURNING gives no row (SQLite and PostgreSQL agree on both). `R` is the restart test
 * (window or idle time passed), `B` the refusal test on the stored row; their parameters follow the
 * text's `?` order. The statement text depends only on the rule, so each rule's text is cached.
 */
function claimStatement(rule: ClaimRule): { sql: string; params: (now: number) => SqlValue[] } {
  const restart = "(counters.first_at < ? OR counters.last_at < ?)";
  const blocks: string[] = [];
  if (rule.max !== undefined) blocks.push(`counters.count >= ${int(rule.max)}`);
  const lock = rule.lock;
  if (lock && lock.stepsMs.length > 0) {
    const steps = lock.stepsMs.map(int);
    const cases = steps
      .slice(0, -1)
      .map((ms, i) => `WHEN ${i} THEN ${ms}`)
      .join(" ");
    const step = `CASE counters.count - ${int(lock.free)} ${cases} ELSE ${steps[steps.length - 1]} END`;
    blocks.push(`(counters.count >= ${int(lock.free)} AND ? < counters.last_at + ${step})`);
  }
  const refused = blocks.length > 0 ? blocks.join(" OR ") : "1 = 0";
  // The row's expiry moves with each granted claim, so the sweep drops it once it would restart
  // anyway; the statement text depends only on which resets the rule has.
  const reset = { windowMs: rule.windowMs, idleMs: rule.idleMs };
  const sql = `INSERT INTO counters (key, count, first_at, last_at, prev_last_at, expires_at) VALUES (?, 1, ?, ?, 0, ?)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN ${restart} THEN 1 ELSE counters.count + 1 END,
      first_at = CASE WHEN ${restart} THEN excluded.first_at ELSE counters.first_at END,
      prev_last_at = counters.last_at,
      last_at = excluded.last_at,
      expires_at = ${expiry(0, reset, restart, [0, 0]).sql}
    WHERE ${restart} OR NOT (${refused})
    RETURNING count, first_at, last_at`;
  return {
    sql,
    params: (now) => {
      const windowStart = rule.windowMs === undefined ? -1 : now - rule.windowMs;
      const idleStart = rule.idleMs === undefined ? -1 : now - rule.idleMs;
      const r = [windowStart, idleStart];
      const e = expiry(now, reset, restart, r);
      const lockParams = lock && lock.stepsMs.length > 0 ? [now] : [];
      return [now, now, e.fresh, ...r, ...r, ...e.params, ...r, ...lockParams];
    },
  };
}

const statements = new WeakMap<ClaimRule, ReturnType<typeof claimStatement>>();

export function sqlCounterStore(db: SqlExecutor): CounterStore {
  return {
    async claim(key, now, rule) {
      // One statement, so concurrent claims (even from several nodes) are serialised by the database
      // and none is lost: the count a caller sees is exact.
      let st = statements.get(rule);
      if (!st) {
        st = claimStatement(rule);
        statements.set(rule, st);
      }
      const r = await db.get<CounterRow>(st.sql, [key, ...st.params(now)]);
      return r ? toState(r) : null;
    },
    async refund(key, claimed) {
      // The claim's own lastAt is still the row's: nobody claimed since, so lastAt goes back to what
      // it was before (0 when the claim created the row: a counter idle since the epoch).
      await db.run(
        `UPDATE counters SET count = count - 1,
           last_at = CASE WHEN last_at = ? THEN COALESCE(prev_last_at, 0) ELSE last_at END
         WHERE key = ? AND count > 0`,
        [claimed.lastAt, key],
      );
    },
    async incrementWindow(key, now, windowMs) {
      // One statement, like `claim`; the window restarts once `windowMs` has passed since it began.
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
