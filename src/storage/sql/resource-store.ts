import type { ResourceRecord, ResourceStore } from "../ports.ts";
import { UniqueViolation } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";
import { UniqueConstraintError } from "./executor.ts";

interface ResourceRow {
  [k: string]: unknown;
  kind: string;
  scope: string;
  name: string;
  pool_id: string;
  body: string;
  created_at: number | string;
  modified_at: number | string;
}

const toRecord = (r: ResourceRow): ResourceRecord => ({
  kind: r.kind as ResourceRecord["kind"],
  scope: r.scope,
  name: r.name,
  poolId: r.pool_id,
  body: JSON.parse(r.body),
  createdAt: Number(r.created_at),
  modifiedAt: Number(r.modified_at),
});

/** The OAuth configuration records (ports.ts ResourceStore), one table keyed by (kind, scope, name). */
export function sqlResourceStore(db: SqlExecutor): ResourceStore {
  return {
    async create(r) {
      try {
        await db.run(
          "INSERT INTO pool_resources (kind, scope, name, pool_id, body, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          [r.kind, r.scope, r.name, r.poolId, JSON.stringify(r.body), r.createdAt, r.modifiedAt],
        );
      } catch (e) {
        if (e instanceof UniqueConstraintError) throw new UniqueViolation("other");
        throw e;
      }
    },
    async get(kind, scope, name) {
      const r = await db.get<ResourceRow>(
        "SELECT * FROM pool_resources WHERE kind = ? AND scope = ? AND name = ?",
        [kind, scope, name],
      );
      return r ? toRecord(r) : null;
    },
    async update(r) {
      const { changes } = await db.run(
        "UPDATE pool_resources SET body = ?, modified_at = ? WHERE kind = ? AND scope = ? AND name = ?",
        [JSON.stringify(r.body), r.modifiedAt, r.kind, r.scope, r.name],
      );
      return changes === 1;
    },
    async delete(kind, scope, name) {
      const { changes } = await db.run(
        "DELETE FROM pool_resources WHERE kind = ? AND scope = ? AND name = ?",
        [kind, scope, name],
      );
      return changes === 1;
    },
    async list(kind, scope, limit, after) {
      const rows = await db.all<ResourceRow>(
        "SELECT * FROM pool_resources WHERE kind = ? AND scope = ? AND name > ? ORDER BY name LIMIT ?",
        [kind, scope, after ?? "", limit],
      );
      return rows.map(toRecord);
    },
    async ofPool(kind, poolId) {
      const rows = await db.all<ResourceRow>(
        "SELECT * FROM pool_resources WHERE pool_id = ? AND kind = ? ORDER BY name",
        [poolId, kind],
      );
      return rows.map(toRecord);
    },
    async count(kind, scope) {
      const r = await db.get<{ n: number | string }>(
        "SELECT COUNT(*) AS n FROM pool_resources WHERE kind = ? AND scope = ?",
        [kind, scope],
      );
      return Number(r?.n ?? 0);
    },
  };
}
