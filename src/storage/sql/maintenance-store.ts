import type { MaintenanceStore } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";

/**
 * Housekeeping deletes, each a single statement on an indexed or primary-key-ordered column, so a
 * sweep never holds a long transaction. Decoy rows written by the masked path (codes, sent messages)
 * age out exactly like real ones, which keeps both paths' table sizes alike.
 */
export function sqlMaintenanceStore(db: SqlExecutor): MaintenanceStore {
  return {
    async sweep(now, r) {
      const out: Record<string, number> = {};
      const del = async (name: string, sql: string, params: number[]) => {
        out[name] = (await db.run(sql, params)).changes;
      };
      await del("codes", "DELETE FROM codes WHERE expires_at < ?", [now]);
      await del("sessions", "DELETE FROM sessions WHERE expires_at < ?", [now - r.sessionsMs]);
      await del("counters", "DELETE FROM counters WHERE last_at < ?", [now - r.countersMs]);
      await del("refresh_tokens", "DELETE FROM refresh_tokens WHERE expires_at < ?", [now]);
      await del("revoked_origins", "DELETE FROM revoked_origins WHERE expires_at < ?", [now]);
      await del("outbox", "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?", [
        now - r.sentMessagesMs,
      ]);
      return out;
    },
  };
}
