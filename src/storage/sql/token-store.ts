import type { RefreshTokenRecord, TokenStore } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";

interface RefreshRow {
  [k: string]: unknown;
  id: string;
  pool_id: string;
  client_id: string;
  sub: string;
  origin_jti: string;
  auth_time: number | string;
  created_at: number | string;
  expires_at: number | string;
  revoked_at: number | string | null;
  rotated_at?: number | string | null;
  retires_at?: number | string | null;
}

const nullableNumber = (v: number | string | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

const toRecord = (r: RefreshRow): RefreshTokenRecord => ({
  id: r.id,
  poolId: r.pool_id,
  clientId: r.client_id,
  sub: r.sub,
  originJti: r.origin_jti,
  authTime: Number(r.auth_time),
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  revokedAt: nullableNumber(r.revoked_at),
  rotatedAt: nullableNumber(r.rotated_at),
  retiresAt: nullableNumber(r.retires_at),
});

export function sqlTokenStore(db: SqlExecutor): TokenStore {
  return {
    async putRefresh(t) {
      await db.run(
        `INSERT INTO refresh_tokens (id, pool_id, client_id, sub, origin_jti, auth_time, created_at, expires_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [t.id, t.poolId, t.clientId, t.sub, t.originJti, t.authTime, t.createdAt, t.expiresAt, t.revokedAt],
      );
    },
    async getRefresh(id) {
      const r = await db.get<RefreshRow>("SELECT * FROM refresh_tokens WHERE id = ?", [id]);
      return r ? toRecord(r) : null;
    },
    async revokeOrigin(family, now, expiresAt) {
      await db.transaction(async (tx) => {
        await tx.run(
          "UPDATE refresh_tokens SET revoked_at = ? WHERE pool_id = ? AND sub = ? AND origin_jti = ? AND revoked_at IS NULL",
          [now, family.poolId, family.sub, family.originJti],
        );
        await tx.run(
          "INSERT INTO revoked_origins (origin_jti, revoked_at, expires_at) VALUES (?, ?, ?) ON CONFLICT (origin_jti) DO NOTHING",
          [family.originJti, now, expiresAt],
        );
      });
    },
    async isOriginRevoked(originJti) {
      return (
        (await db.get("SELECT 1 AS x FROM revoked_origins WHERE origin_jti = ?", [originJti])) !== undefined
      );
    },
    async revokeUser(poolId, sub, now) {
      await db.run(
        "UPDATE refresh_tokens SET revoked_at = ? WHERE pool_id = ? AND sub = ? AND revoked_at IS NULL",
        [now, poolId, sub],
      );
    },
    async markRotated(id, now, retiresAt) {
      // One conditional UPDATE: of two concurrent rotations of one token, exactly one changes the row.
      const { changes } = await db.run(
        "UPDATE refresh_tokens SET rotated_at = ?, retires_at = ? WHERE id = ? AND rotated_at IS NULL",
        [now, retiresAt, id],
      );
      return changes === 1;
    },
  };
}
