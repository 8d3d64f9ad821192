import type { GroupRecord, GroupStore } from "../ports.ts";
import { UniqueViolation } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";
import { UniqueConstraintError } from "./executor.ts";
import { toRecord as toUser, type UserRow } from "./user-store.ts";

interface GroupRow {
  [k: string]: unknown;
  pool_id: string;
  name: string;
  description: string | null;
  role_arn: string | null;
  precedence: number | string | null;
  created_at: number | string;
  modified_at: number | string;
}

const toRecord = (r: GroupRow): GroupRecord => ({
  poolId: r.pool_id,
  name: r.name,
  description: r.description,
  roleArn: r.role_arn,
  precedence: r.precedence === null ? null : Number(r.precedence),
  createdAt: Number(r.created_at),
  modifiedAt: Number(r.modified_at),
});

/** Uniqueness ignores letter case (docs/admin-users.md#groups); lookups stay exact. */
const nameKey = (name: string): string => name.toLowerCase();

const COLUMNS = "g.pool_id, g.name, g.description, g.role_arn, g.precedence, g.created_at, g.modified_at";

export function sqlGroupStore(db: SqlExecutor): GroupStore {
  return {
    async create(g) {
      try {
        await db.guarded((d) =>
          d.run(
            "INSERT INTO groups (pool_id, name, name_key, description, role_arn, precedence, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
              g.poolId,
              g.name,
              nameKey(g.name),
              g.description,
              g.roleArn,
              g.precedence,
              g.createdAt,
              g.modifiedAt,
            ],
          ),
        );
      } catch (e) {
        if (e instanceof UniqueConstraintError) throw new UniqueViolation("other");
        throw e;
      }
    },
    async get(poolId, name) {
      const r = await db.get<GroupRow>(`SELECT ${COLUMNS} FROM groups g WHERE g.pool_id = ? AND g.name = ?`, [
        poolId,
        name,
      ]);
      return r ? toRecord(r) : null;
    },
    async update(g) {
      const { changes } = await db.run(
        "UPDATE groups SET description = ?, role_arn = ?, precedence = ?, modified_at = ? WHERE pool_id = ? AND name = ?",
        [g.description, g.roleArn, g.precedence, g.modifiedAt, g.poolId, g.name],
      );
      return changes === 1;
    },
    async delete(poolId, name) {
      return db.transaction(async (tx) => {
        const { changes } = await tx.run("DELETE FROM groups WHERE pool_id = ? AND name = ?", [poolId, name]);
        await tx.run("DELETE FROM group_members WHERE pool_id = ? AND group_name = ?", [poolId, name]);
        return changes === 1;
      });
    },
    async list(poolId, limit, after) {
      const rows = await db.all<GroupRow>(
        `SELECT ${COLUMNS} FROM groups g WHERE g.pool_id = ? AND g.name > ? ORDER BY g.name LIMIT ?`,
        [poolId, after ?? "", limit],
      );
      return rows.map(toRecord);
    },
    async count(poolId) {
      const r = await db.get<{ n: number | string }>("SELECT COUNT(*) AS n FROM groups WHERE pool_id = ?", [
        poolId,
      ]);
      return Number(r?.n ?? 0);
    },
    async addMember(poolId, name, sub) {
      await db.run(
        "INSERT INTO group_members (pool_id, group_name, sub) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [poolId, name, sub],
      );
    },
    async isMember(poolId, name, sub) {
      const r = await db.get(
        "SELECT 1 AS one FROM group_members WHERE pool_id = ? AND group_name = ? AND sub = ?",
        [poolId, name, sub],
      );
      return r !== undefined;
    },
    async removeMember(poolId, name, sub) {
      const { changes } = await db.run(
        "DELETE FROM group_members WHERE pool_id = ? AND group_name = ? AND sub = ?",
        [poolId, name, sub],
      );
      return changes === 1;
    },
    async groupsOf(poolId, sub, limit, after) {
      const rows = await db.all<GroupRow>(
        `SELECT ${COLUMNS} FROM group_members m JOIN groups g ON g.pool_id = m.pool_id AND g.name = m.group_name
         WHERE m.pool_id = ? AND m.sub = ? AND m.group_name > ? ORDER BY m.group_name LIMIT ?`,
        [poolId, sub, after ?? "", limit],
      );
      return rows.map(toRecord);
    },
    async countGroupsOf(poolId, sub) {
      const r = await db.get<{ n: number | string }>(
        "SELECT COUNT(*) AS n FROM group_members WHERE pool_id = ? AND sub = ?",
        [poolId, sub],
      );
      return Number(r?.n ?? 0);
    },
    async membersOf(poolId, name, limit, after) {
      const rows = await db.all<UserRow>(
        `SELECT u.* FROM group_members m JOIN users u ON u.pool_id = m.pool_id AND u.sub = m.sub
         WHERE m.pool_id = ? AND m.group_name = ? AND m.sub > ? ORDER BY m.sub LIMIT ?`,
        [poolId, name, after ?? "", limit],
      );
      return rows.map(toUser);
    },
  };
}
