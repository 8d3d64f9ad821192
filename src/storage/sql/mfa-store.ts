import type { DeviceRecord, MfaStore } from "../ports.ts";
import { UniqueViolation } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";
import { UniqueConstraintError } from "./executor.ts";

interface DeviceRow {
  [k: string]: unknown;
  pool_id: string;
  device_key: string;
  sub: string;
  group_key: string;
  verifier: string | null;
  remembered: number | string | boolean;
  name: string | null;
  last_ip: string | null;
  created_at: number | string;
  modified_at: number | string;
  last_authenticated_at: number | string;
}

const toRecord = (r: DeviceRow): DeviceRecord => ({
  poolId: r.pool_id,
  deviceKey: r.device_key,
  sub: r.sub,
  groupKey: r.group_key,
  verifier: r.verifier,
  remembered: Number(r.remembered) === 1,
  name: r.name,
  lastIp: r.last_ip,
  createdAt: Number(r.created_at),
  modifiedAt: Number(r.modified_at),
  lastAuthenticatedAt: Number(r.last_authenticated_at),
});

const COLUMNS =
  "pool_id, device_key, sub, group_key, verifier, remembered, name, last_ip, created_at, modified_at, last_authenticated_at";

export function sqlMfaStore(db: SqlExecutor): MfaStore {
  return {
    async claimTotpStep(poolId, sub, step) {
      // One statement: insert, or move the step forward only when the new one is later. A step that
      // is not later changes no row, so of concurrent callers with one step exactly one counts a change.
      const { changes } = await db.run(
        `INSERT INTO totp_steps (pool_id, sub, last_step) VALUES (?, ?, ?)
         ON CONFLICT (pool_id, sub) DO UPDATE SET last_step = excluded.last_step
         WHERE totp_steps.last_step < excluded.last_step`,
        [poolId, sub, step],
      );
      return changes === 1;
    },
    async putDevice(d) {
      try {
        await db.guarded((x) =>
          x.run(`INSERT INTO devices (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
            d.poolId,
            d.deviceKey,
            d.sub,
            d.groupKey,
            d.verifier,
            d.remembered ? 1 : 0,
            d.name,
            d.lastIp,
            d.createdAt,
            d.modifiedAt,
            d.lastAuthenticatedAt,
          ]),
        );
      } catch (e) {
        if (e instanceof UniqueConstraintError) throw new UniqueViolation("other");
        throw e;
      }
    },
    async getDevice(poolId, deviceKey) {
      const r = await db.get<DeviceRow>(
        `SELECT ${COLUMNS} FROM devices WHERE pool_id = ? AND device_key = ?`,
        [poolId, deviceKey],
      );
      return r ? toRecord(r) : null;
    },
    async updateDevice(d) {
      const { changes } = await db.run(
        `UPDATE devices SET verifier = ?, remembered = ?, name = ?, last_ip = ?, modified_at = ?, last_authenticated_at = ?
         WHERE pool_id = ? AND device_key = ?`,
        [
          d.verifier,
          d.remembered ? 1 : 0,
          d.name,
          d.lastIp,
          d.modifiedAt,
          d.lastAuthenticatedAt,
          d.poolId,
          d.deviceKey,
        ],
      );
      return changes === 1;
    },
    async deleteDevice(poolId, deviceKey) {
      const { changes } = await db.run("DELETE FROM devices WHERE pool_id = ? AND device_key = ?", [
        poolId,
        deviceKey,
      ]);
      return changes === 1;
    },
    async listDevices(poolId, sub, limit, after) {
      const rows = await db.all<DeviceRow>(
        `SELECT ${COLUMNS} FROM devices WHERE pool_id = ? AND sub = ? AND device_key > ? ORDER BY device_key LIMIT ?`,
        [poolId, sub, after ?? "", limit],
      );
      return rows.map(toRecord);
    },
  };
}
