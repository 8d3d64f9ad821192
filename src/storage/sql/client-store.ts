import type { ClientRecord, ClientStore } from "../ports.ts";
import { UniqueViolation } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";
import { UniqueConstraintError } from "./executor.ts";
import { parsedConfig } from "./parsed-config.ts";
import { poolRecord } from "./pool-store.ts";

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

/**
 * The client's columns and its pool's, renamed where the two tables share a name, so one row holds
 * both (requireClientAndPool, src/domain/pools/lookup.ts).
 */
const CLIENT_WITH_POOL =
  "SELECT c.client_id, c.pool_id, c.config, c.secret, c.created_at, c.modified_at, p.id AS p_id, " +
  "p.name AS p_name, p.config AS p_config, p.created_at AS p_created_at, p.modified_at AS p_modified_at " +
  "FROM clients c JOIN pools p ON p.id = c.pool_id WHERE c.client_id = ?";

interface ClientWithPoolRow extends ClientRow {
  p_id: string;
  p_name: string;
  p_config: string;
  p_created_at: number | string;
  p_modified_at: number | string;
}

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
    async findWithPool(clientId) {
      const r = await db.get<ClientWithPoolRow>(CLIENT_WITH_POOL, [clientId]);
      if (!r) return null;
      const pool = poolRecord({
        id: r.p_id,
        name: r.p_name,
        config: r.p_config,
        created_at: r.p_created_at,
        modified_at: r.p_modified_at,
      });
      return { client: toRecord(r), pool };
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
