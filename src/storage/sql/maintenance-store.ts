import type { MaintenanceStore } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";
import { MIGRATIONS } from "./migrations.ts";

/** The outbox purpose of the masked path's messages (src/messaging/messenger.ts DECOY_PURPOSE). */
const DECOY = "DECOY";

/**
 * Housekeeping deletes, each a single statement on an indexed or primary-key-ordered column, so a
 * sweep never holds a long transaction. Every row written for a name that has no user (decoy codes,
 * decoy messages, attempt and lockout counters keyed by a MAC of the name, challenge sessions) has an
 * end here, so storage stays bounded by the request-rate quotas times these lifetimes
 * (docs/security.md#quotas).
 */
export function sqlMaintenanceStore(db: SqlExecutor): MaintenanceStore {
  return {
    async sweep(now, r) {
      const out: Record<string, number> = {};
      const del = async (name: string, sql: string, params: (number | string)[]) => {
        out[name] = (out[name] ?? 0) + (await db.run(sql, params)).changes;
      };
      // The pool's 256 shared sign-up decoy rows stay (src/domain/codes/decoy-rows.ts): a masked
      // ConfirmSignUp must find a row as a real unconfirmed user's finds one. Bounded per pool.
      await del(
        "codes",
        "DELETE FROM codes WHERE expires_at < ? AND NOT (purpose = 'SIGN_UP' AND subject LIKE 'decoy-%')",
        [now],
      );
      await del("sessions", "DELETE FROM sessions WHERE expires_at < ?", [now - r.sessionsMs]);
      await del("counters", "DELETE FROM counters WHERE expires_at < ?", [now - r.counterGraceMs]);
      // Only rows without an expiry (none are written now): one with an expiry goes at it, and is
      // found by the same index (counters_expires_idx holds the NULLs too; migration 14).
      await del("counters", "DELETE FROM counters WHERE expires_at IS NULL AND last_at < ?", [
        now - r.countersMs,
      ]);
      await del("rate_windows", "DELETE FROM rate_windows WHERE expires_at < ?", [now - r.counterGraceMs]);
      await del("refresh_tokens", "DELETE FROM refresh_tokens WHERE expires_at < ?", [now]);
      await del("revoked_origins", "DELETE FROM revoked_origins WHERE expires_at < ?", [now]);
      await del("outbox", "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?", [
        now - r.sentMessagesMs,
      ]);
      // Decoys go sooner: the loopback reader never shows them, and whatever the request path did
      // with them is done once they are marked sent (their purpose column already names them).
      await del("outbox", "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ? AND purpose = ?", [
        now - r.decoyMessagesMs,
        DECOY,
      ]);
      return out;
    },
    async missingMigrations() {
      const rows = await db.all<{ version: number | string }>("SELECT version FROM schema_migrations");
      const done = new Set(rows.map((r) => Number(r.version)));
      return MIGRATIONS.map((m) => m.version).filter((v) => !done.has(v));
    },
  };
}
