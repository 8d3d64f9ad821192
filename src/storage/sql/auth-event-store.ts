import type { AuthEventRecord, AuthEventStore, Json } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";

interface AuthEventRow {
  [k: string]: unknown;
  pool_id: string;
  sub: string;
  event_id: string;
  created_at: number | string;
  data: string;
  feedback: string | null;
}

const toRecord = (r: AuthEventRow): AuthEventRecord => ({
  poolId: r.pool_id,
  sub: r.sub,
  eventId: r.event_id,
  createdAt: Number(r.created_at),
  data: JSON.parse(r.data) as Json,
  feedback: r.feedback === null ? null : (JSON.parse(r.feedback) as Json),
});

export function sqlAuthEventStore(db: SqlExecutor): AuthEventStore {
  return {
    async add(events) {
      if (events.length === 0) return;
      await db.transaction(async (tx) => {
        for (const e of events) {
          await tx.run(
            `INSERT INTO auth_events (pool_id, sub, event_id, created_at, data, feedback) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (pool_id, sub, event_id) DO NOTHING`,
            [
              e.poolId,
              e.sub,
              e.eventId,
              e.createdAt,
              JSON.stringify(e.data),
              e.feedback === null ? null : JSON.stringify(e.feedback),
            ],
          );
        }
      });
    },
    async list(poolId, sub, limit, before) {
      const rows = before
        ? await db.all<AuthEventRow>(
            `SELECT * FROM auth_events WHERE pool_id = ? AND sub = ?
               AND (created_at < ? OR (created_at = ? AND event_id < ?))
             ORDER BY created_at DESC, event_id DESC LIMIT ?`,
            [poolId, sub, before.createdAt, before.createdAt, before.eventId, limit],
          )
        : await db.all<AuthEventRow>(
            "SELECT * FROM auth_events WHERE pool_id = ? AND sub = ? ORDER BY created_at DESC, event_id DESC LIMIT ?",
            [poolId, sub, limit],
          );
      return rows.map(toRecord);
    },
    async setFeedback(poolId, sub, eventId, feedback) {
      const { changes } = await db.run(
        "UPDATE auth_events SET feedback = ? WHERE pool_id = ? AND sub = ? AND event_id = ?",
        [JSON.stringify(feedback), poolId, sub, eventId],
      );
      return changes === 1;
    },
  };
}
