import type { CounterState, CounterStore } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";

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
