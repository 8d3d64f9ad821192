import type { ClientRecord, ClientStore } from "../ports.ts";
import { UniqueViolation } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";
import { UniqueConstraintError } from "./executor.ts";
import { parsedConfig } from "./parsed-config.ts";

interface ClientRow {
  [k: string]: unknown;
  client_id: string;
  pool_id: string;
  config: string;
  secret: string | null;
  created_at: number | string;
  modified_at: number | string;
}

const toRecord = (r: ClientRow): ClientRecord => ({
  poolId: r.pool_id,
  clientId: r.client_id,
  config: parsedConfig(r.config),
  secret: r.secret,
  createdAt: Number(r.created_at),
  modifiedAt: Number(r.modified_at),
});

export function sqlClientStore(db: SqlExecutor): ClientStore {
  return {
    async create(c) {
      try {
        await db.run(
          "INSERT INTO clients (client_id, pool_id, config, secret, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?)",
          [c.clientId, c.poolId, JSON.stringify(c.config), c.secret, c.createdAt, c.modifiedAt],
        );
      } catch (e) {
        if (e instanceof UniqueConstraintError) throw new UniqueViolation("other");
        throw e;
      }
    },
    async get(poolId, clientId) {
      const r = await db.get<ClientRow>("SELECT * FROM clients WHERE client_id = ? AND pool_id = ?", [
        clientId,
        poolId,
      ]);
      return r ? toRecord(r) : null;
    },
    async find(clientId) {
      const r = await db.get<ClientRow>("SELECT * FROM clients WHERE client_id = ?", [clientId]);
      return r ? toRecord(r) : null;
    },
    async update(c) {
      const { changes } = await db.run(
        "UPDATE clients SET config = ?, secret = ?, modified_at = ? WHERE client_id = ? AND pool_id = ?",
        [JSON.stringify(c.config), c.secret, c.modifiedAt, c.clientId, c.poolId],
      );
      return changes === 1;
    },
    async swapSecret(poolId, clientId, expected, next, modifiedAt) {
      const { changes } =
        expected === null
          ? await db.run(
              "UPDATE clients SET secret = ?, modified_at = ? WHERE client_id = ? AND pool_id = ? AND secret IS NULL",
              [next, modifiedAt, clientId, poolId],
            )
          : await db.run(
              "UPDATE clients SET secret = ?, modified_at = ? WHERE client_id = ? AND pool_id = ? AND secret = ?",
              [next, modifiedAt, clientId, poolId, expected],
            );
      return changes === 1;
    },
    async delete(poolId, clientId) {
      const { changes } = await db.run("DELETE FROM clients WHERE client_id = ? AND pool_id = ?", [
        clientId,
        poolId,
      ]);
      return changes === 1;
    },
    async list(poolId, limit, after) {
      const rows = await db.all<ClientRow>(
        "SELECT * FROM clients WHERE pool_id = ? AND client_id > ? ORDER BY client_id LIMIT ?",
        [poolId, after ?? "", limit],
      );
      return rows.map(toRecord);
    },
  };
}
