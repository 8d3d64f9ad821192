import type { Services } from "../services.ts";
import { applySeed, type SeedSummary } from "./apply.ts";
import { loadSeedFile } from "./load.ts";
import { deleteAllPools } from "./store-writes.ts";

export { SeedError } from "./schema.ts";

/** The start: the file named by --seed, applied (nothing when there is none). */
export async function seedAtStart(services: Services): Promise<SeedSummary | null> {
  const path = services.config.seed;
  if (!path) return null;
  const sum = await applySeed(services, await loadSeedFile(path));
  services.log.info({ seed: path, ...sum }, "seed applied");
  return sum;
}

/**
 * POST /_hushpool/reset: every pool deleted, then the seed file (read again, so edits apply) applied
 * to the empty store (docs/seeding.md#reset-between-tests).
 */
export async function resetToSeed(
  services: Services,
): Promise<{ deletedPools: number; seeded: SeedSummary | null }> {
  const doc = services.config.seed ? await loadSeedFile(services.config.seed) : null;
  const deletedPools = await deleteAllPools(services);
  const seeded = doc ? await applySeed(services, doc) : null;
  return { deletedPools, seeded };
}
