import type { PoolRecord, Store } from "../../storage/ports.ts";
import { requirePool } from "./lookup.ts";
import { type PoolConfig, poolConfig } from "./pool.ts";

/**
 * Changes one part of a pool's config (its tags, its custom attributes) without losing a concurrent
 * change of another part: read, change, compare-and-set, and read again if someone else wrote
 * between (docs/storage.md#no-lost-updates). `change` may throw to refuse; it may run more than once.
 * A failed compare-and-set means another write succeeded, so the loop always makes progress.
 */
export async function changePoolConfig(
  store: Store,
  poolId: string,
  now: number,
  change: (config: PoolConfig) => PoolConfig,
): Promise<PoolRecord> {
  for (;;) {
    const pool = await requirePool(store, poolId);
    const next: PoolRecord = { ...pool, config: { ...change(poolConfig(pool)) }, modifiedAt: now };
    if (await store.pools.updateIfUnchanged(next, pool)) return next;
  }
}
