import type { ClientRecord, PoolRecord, Store } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";

/** The pool, or Cognito's `ResourceNotFoundException: User pool <id> does not exist.` */
export async function requirePool(store: Store, poolId: string): Promise<PoolRecord> {
  const pool = await store.pools.get(poolId);
  if (!pool) throw errors.poolNotFound(poolId);
  return pool;
}

/** The client of a pool (admin operations name both). */
export async function requireClient(store: Store, poolId: string, clientId: string): Promise<ClientRecord> {
  const client = await store.clients.get(poolId, clientId);
  if (!client) throw errors.clientNotFound(clientId);
  return client;
}

/** Public flows name only the client: find it, then its pool. */
export async function requireClientAndPool(
  store: Store,
  clientId: string,
): Promise<{ client: ClientRecord; pool: PoolRecord }> {
  const found = await store.clients.findWithPool(clientId);
  if (!found) throw errors.clientNotFound(clientId);
  return found;
}
