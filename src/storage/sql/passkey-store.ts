import type { PasskeyRecord, PasskeyStore } from "../ports.ts";
import { UniqueViolation } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";
import { UniqueConstraintError } from "./executor.ts";

interface PasskeyRow {
  [k: string]: unknown;
  pool_id: string;
  credential_id: string;
  sub: string;
  public_key: string;
  sign_count: number | string;
  transports: string;
  attachment: string | null;
  friendly_name: string;
  rp_id: string;
  created_at: number | string;
}

const toRecord = (r: PasskeyRow): PasskeyRecord => ({
  poolId: r.pool_id,
  sub: r.sub,
  credentialId: r.credential_id,
  publicKey: r.public_key,
  signCount: Number(r.sign_count),
  transports: JSON.parse(r.transports) as string[],
  attachment: r.attachment,
  friendlyName: r.friendly_name,
  rpId: r.rp_id,
  createdAt: Number(r.created_at),
});

/** Passkeys (docs/passkeys.md): the webauthn_credentials table of migration 8. */
export function sqlPasskeyStore(db: SqlExecutor): PasskeyStore {
  return {
    async add(p) {
      try {
        await db.run(
          `INSERT INTO webauthn_credentials (pool_id, credential_id, sub, public_key, sign_count, transports,
             attachment, friendly_name, rp_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            p.poolId,
            p.credentialId,
            p.sub,
            p.publicKey,
            p.signCount,
            JSON.stringify(p.transports),
            p.attachment,
            p.friendlyName,
            p.rpId,
            p.createdAt,
          ],
        );
      } catch (e) {
        if (e instanceof UniqueConstraintError) throw new UniqueViolation("other");
        throw e;
      }
    },
    async listFor(poolId, sub) {
      const rows = await db.all<PasskeyRow>(
        "SELECT * FROM webauthn_credentials WHERE pool_id = ? AND sub = ? ORDER BY created_at, credential_id",
        [poolId, sub],
      );
      return rows.map(toRecord);
    },
    async find(poolId, credentialId) {
      const r = await db.get<PasskeyRow>(
        "SELECT * FROM webauthn_credentials WHERE pool_id = ? AND credential_id = ?",
        [poolId, credentialId],
      );
      return r ? toRecord(r) : null;
    },
    async setSignCount(poolId, credentialId, expected, next) {
      const { changes } = await db.run(
        "UPDATE webauthn_credentials SET sign_count = ? WHERE pool_id = ? AND credential_id = ? AND sign_count = ?",
        [next, poolId, credentialId, expected],
      );
      return changes === 1;
    },
    async delete(poolId, sub, credentialId) {
      const { changes } = await db.run(
        "DELETE FROM webauthn_credentials WHERE pool_id = ? AND sub = ? AND credential_id = ?",
        [poolId, sub, credentialId],
      );
      return changes === 1;
    },
  };
}
