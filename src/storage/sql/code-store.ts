import type { CodeRecord, CodeStore } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";

interface CodeRow {
  [k: string]: unknown;
  pool_id: string;
  subject: string;
  purpose: string;
  code_hash: string;
  created_at: number | string;
  expires_at: number | string;
}

const toRecord = (r: CodeRow): CodeRecord => ({
  poolId: r.pool_id,
  subject: r.subject,
  purpose: r.purpose,
  codeHash: r.code_hash,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
});

export function sqlCodeStore(db: SqlExecutor): CodeStore {
  return {
    async put(c) {
      await db.run(
        `INSERT INTO codes (pool_id, subject, purpose, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (pool_id, subject, purpose) DO UPDATE SET code_hash = excluded.code_hash,
           created_at = excluded.created_at, expires_at = excluded.expires_at`,
        [c.poolId, c.subject, c.purpose, c.codeHash, c.createdAt, c.expiresAt],
      );
    },
    async get(poolId, subject, purpose) {
      const r = await db.get<CodeRow>(
        "SELECT * FROM codes WHERE pool_id = ? AND subject = ? AND purpose = ?",
        [poolId, subject, purpose],
      );
      return r ? toRecord(r) : null;
    },
    async take(poolId, subject, purpose, codeHash) {
      const { changes } = await db.run(
        "DELETE FROM codes WHERE pool_id = ? AND subject = ? AND purpose = ? AND code_hash = ?",
        [poolId, subject, purpose, codeHash],
      );
      return changes === 1;
    },
    async deleteAll(poolId, subject) {
      await db.run("DELETE FROM codes WHERE pool_id = ? AND subject = ?", [poolId, subject]);
    },
  };
}
