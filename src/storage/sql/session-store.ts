import type { SessionRecord, SessionStore } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";

interface SessionRow {
  [k: string]: unknown;
  id: string;
  pool_id: string;
  data: string;
  expires_at: number | string;
  used_at: number | string | null;
}

const toRecord = (r: SessionRow): SessionRecord => ({
  id: r.id,
  poolId: r.pool_id,
  data: r.data,
  expiresAt: Number(r.expires_at),
  usedAt: r.used_at === null ? null : Number(r.used_at),
});

export function sqlSessionStore(db: SqlExecutor): SessionStore {
  return {
    async put(s) {
      await db.run("INSERT INTO sessions (id, pool_id, data, expires_at, used_at) VALUES (?, ?, ?, ?, ?)", [
        s.id,
        s.poolId,
        s.data,
        s.expiresAt,
        s.usedAt,
      ]);
    },
    async consume(id, now) {
      // The conditional update decides who is first, and hands that caller the row in the same
      // statement (RETURNING, SQLite ≥ 3.35 and PostgreSQL): usedAt null, as it was before this use.
      // Anyone else reads the row to learn whether it was used or never existed.
      const first = await db.get<SessionRow>(
        "UPDATE sessions SET used_at = ? WHERE id = ? AND used_at IS NULL RETURNING *",
        [now, id],
      );
      if (first) return { ...toRecord(first), usedAt: null };
      const r = await db.get<SessionRow>("SELECT * FROM sessions WHERE id = ?", [id]);
      return r ? toRecord(r) : null;
    },
    async get(id) {
      const r = await db.get<SessionRow>("SELECT * FROM sessions WHERE id = ?", [id]);
      return r ? toRecord(r) : null;
    },
  };
}
