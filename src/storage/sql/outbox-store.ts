import type { OutboxMessage, OutboxStore } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";

interface OutboxRow {
  [k: string]: unknown;
  id: string;
  pool_id: string;
  username: string;
  sub: string;
  medium: string;
  destination: string;
  subject: string | null;
  body: string;
  code: string | null;
  sealed: number | string | boolean;
  purpose: string;
  created_at: number | string;
  sent_at: number | string | null;
}

const toMessage = (r: OutboxRow): OutboxMessage => ({
  id: r.id,
  poolId: r.pool_id,
  username: r.username,
  sub: r.sub,
  medium: r.medium as OutboxMessage["medium"],
  destination: r.destination,
  body: r.body,
  subject: r.subject,
  code: r.code,
  sealed: Number(r.sealed) === 1,
  purpose: r.purpose,
  createdAt: Number(r.created_at),
  sentAt: r.sent_at === null ? null : Number(r.sent_at),
});

/** The outbox table; `body` is opaque here (sealed by src/messaging/content.ts), see docs/storage.md. */
export function sqlOutboxStore(db: SqlExecutor): OutboxStore {
  return {
    async add(m) {
      await db.run(
        `INSERT INTO outbox (id, pool_id, username, sub, medium, destination, subject, body, code, sealed, purpose, created_at, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          m.id,
          m.poolId,
          m.username,
          m.sub,
          m.medium,
          m.destination,
          m.subject,
          m.body,
          m.code,
          m.sealed ? 1 : 0,
          m.purpose,
          m.createdAt,
          m.sentAt,
        ],
      );
    },
    async list(poolId, username) {
      const rows =
        username === undefined
          ? await db.all<OutboxRow>("SELECT * FROM outbox WHERE pool_id = ? ORDER BY created_at, id", [
              poolId,
            ])
          : await db.all<OutboxRow>(
              "SELECT * FROM outbox WHERE pool_id = ? AND username = ? ORDER BY created_at, id",
              [poolId, username],
            );
      return rows.map(toMessage);
    },
    async claim(limit, now, leaseMs) {
      // SKIP LOCKED lets several PostgreSQL nodes drain the outbox without sending a message twice;
      // SQLite has one writer, so the transaction alone is enough there.
      const skip = db.dialect === "postgres" ? " FOR UPDATE SKIP LOCKED" : "";
      return db.transaction(async (tx) => {
        const rows = await tx.all<OutboxRow>(
          `SELECT * FROM outbox WHERE sent_at IS NULL AND (lease_until IS NULL OR lease_until < ?)
           ORDER BY created_at LIMIT ?${skip}`,
          [now, limit],
        );
        for (const r of rows)
          await tx.run("UPDATE outbox SET lease_until = ? WHERE id = ?", [now + leaseMs, r.id]);
        return rows.map(toMessage);
      });
    },
    async countUnsent() {
      const row = await db.get<{ n: number | string }>(
        "SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL",
      );
      return Number(row?.n ?? 0);
    },
    async markSent(id, now) {
      await db.run("UPDATE outbox SET sent_at = ? WHERE id = ?", [now, id]);
    },
    async listUnsealed(limit) {
      const rows = await db.all<OutboxRow>(
        "SELECT * FROM outbox WHERE sealed = 0 ORDER BY created_at, id LIMIT ?",
        [limit],
      );
      return rows.map(toMessage);
    },
    async seal(id, body) {
      // `sealed = 0` in the condition: of two nodes sealing the same row, one writes, the other sees 0 changes.
      const { changes } = await db.run(
        "UPDATE outbox SET body = ?, subject = NULL, code = NULL, sealed = 1 WHERE id = ? AND sealed = 0",
        [body, id],
      );
      return changes === 1;
    },
  };
}
