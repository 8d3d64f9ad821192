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
  const sql = `INSERT INTO counters (key, count, first_at, last_at, prev_last_at) VALUES (?, 1, ?, ?, 0)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN ${restart} THEN 1 ELSE counters.count + 1 END,
      first_at = CASE WHEN ${restart} THEN excluded.first_at ELSE counters.first_at END,
      prev_last_at = counters.last_at,
      last_at = excluded.last_at
    WHERE ${restart} OR NOT (${refused})
    RETURNING count, first_at, last_at`;
  return {
    sql,
    params: (now) => {
      const windowStart = rule.windowMs === undefined ? -1 : now - rule.windowMs;
      const idleStart = rule.idleMs === undefined ? -1 : now - rule.idleMs;
      const r = [windowStart, idleStart];
      return [...r, ...r, ...r, ...(lock && lock.stepsMs.length > 0 ? [now] : [])];
    },
  };
}

const statements = new WeakMap<ClaimRule, ReturnType<typeof claimStatement>>();

export function sqlCounterStore(db: SqlExecutor): CounterStore {
  return {
    async increment(key, now, reset) {
      // One statement, so concurrent increments (even from several nodes) are serialised by the
      // database and none is lost: the count a caller sees is exact.
      const windowStart = reset.windowMs === undefined ? -1 : now - reset.windowMs;
      const idleStart = reset.idleMs === undefined ? -1 : now - reset.idleMs;
      const restart = "(counters.first_at < ? OR counters.last_at < ?)";
      const r = await db.get<CounterRow>(
        `INSERT INTO counters (key, count, first_at, last_at) VALUES (?, 1, ?, ?)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN ${restart} THEN 1 ELSE counters.count + 1 END,
           first_at = CASE WHEN ${restart} THEN excluded.first_at ELSE counters.first_at END,
           last_at = excluded.last_at
         RETURNING count, first_at, last_at`,
        [key, now, now, windowStart, idleStart, windowStart, idleStart],
      );
      if (!r) throw new Error("counter upsert returned no row");
      return toState(r);
    },
    async claim(key, now, rule) {
      let st = statements.get(rule);
      if (!st) {
        st = claimStatement(rule);
        statements.set(rule, st);
      }
      const r = await db.get<CounterRow>(st.sql, [key, now, now, ...st.params(now)]);
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
