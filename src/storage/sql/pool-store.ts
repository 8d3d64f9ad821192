import type { PoolRecord, PoolStore } from "../ports.ts";
import { UniqueViolation } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";
import { UniqueConstraintError } from "./executor.ts";
import { parsedConfig } from "./parsed-config.ts";

export interface PoolRow {
  [k: string]: unknown;
  id: string;
  name: string;
  config: string;
  created_at: number | string;
  modified_at: number | string;
}

/** A `pools` row as its record (also read joined to a client: ./client-store.ts). */
export const poolRecord = (r: PoolRow): PoolRecord => ({
  id: r.id,
  name: r.name,
  config: parsedConfig(r.config),
  createdAt: Number(r.created_at),
  modifiedAt: Number(r.modified_at),
});

/** Tables that hang off a pool and go with it; see delete(). */
const POOL_TABLES = [
  "users",
  "clients",
  "codes",
  "sessions",
  "refresh_tokens",
  "outbox",
  "groups",
  "group_members",
  "totp_steps",
  "devices",
  "webauthn_credentials",
  "auth_events",
  "import_jobs",
  "import_files",
  "pool_resources",
];

export function sqlPoolStore(db: SqlExecutor): PoolStore {
  return {
    async create(p) {
      try {
        await db.run("INSERT INTO pools (id, name, config, created_at, modified_at) VALUES (?, ?, ?, ?, ?)", [
          p.id,
          p.name,
          JSON.stringify(p.config),
          p.createdAt,
          p.modifiedAt,
        ]);
      } catch (e) {
        if (e instanceof UniqueConstraintError) throw new UniqueViolation("other");
        throw e;
      }
    },
    async get(id) {
      const r = await db.get<PoolRow>("SELECT * FROM pools WHERE id = ?", [id]);
      return r ? poolRecord(r) : null;
    },
    async update(p) {
      const { changes } = await db.run(
        "UPDATE pools SET name = ?, config = ?, modified_at = ? WHERE id = ?",
        [p.name, JSON.stringify(p.config), p.modifiedAt, p.id],
      );
      return changes === 1;
    },
    async updateIfUnchanged(p, expected) {
      // The config column holds JSON.stringify of what get() parsed, so equal objects read and
      // written by this store compare equal as text.
      const { changes } = await db.run(
        "UPDATE pools SET name = ?, config = ?, modified_at = ? WHERE id = ? AND config = ?",
        [p.name, JSON.stringify(p.config), p.modifiedAt, p.id, JSON.stringify(expected.config)],
      );
      return changes === 1;
    },
    async delete(id) {
      return db.transaction(async (tx) => {
        const { changes } = await tx.run("DELETE FROM pools WHERE id = ?", [id]);
        if (changes === 0) return false;
        for (const t of POOL_TABLES) await tx.run(`DELETE FROM ${t} WHERE pool_id = ?`, [id]);
        return true;
      });
    },
    async list(limit, after) {
      const rows = await db.all<PoolRow>("SELECT * FROM pools WHERE id > ? ORDER BY id LIMIT ?", [
        after ?? "",
        limit,
      ]);
      return rows.map(poolRecord);
    },
  };
}
