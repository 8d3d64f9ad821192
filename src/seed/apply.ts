import { CognitoError } from "../domain/errors/index.ts";
import { clientConfigFrom, openSecret } from "../domain/pools/client.ts";
import { CUSTOM_ID_TAG } from "../domain/pools/custom-id.ts";
import { poolConfig, updatedPoolConfig } from "../domain/pools/pool.ts";
import type { Services } from "../services.ts";
import { applyGroup, applyUser } from "./apply-user.ts";
import { callOperation } from "./internal-call.ts";
import type { SeedSummary } from "./schema.ts";
import { type SeedClient, type SeedDocument, SeedError, type SeedPool } from "./schema.ts";
import { createPinnedClient, setClientSecret } from "./store-writes.ts";

export type { SeedSummary };

/**
 * Applies a seed idempotently (docs/seeding.md#how-it-is-applied): what is missing is created, what
 * exists is brought to what the file names, and nothing the file does not name is touched or deleted.
 * Each failure names its entry, e.g. `pools[0].users[2]: InvalidPasswordException: …`.
 */
export async function applySeed(services: Services, doc: SeedDocument): Promise<SeedSummary> {
  const sum: SeedSummary = { created: 0, updated: 0 };
  for (const [i, pool] of doc.pools.entries()) {
    await named(`pools[${i}]`, () => applyPool(services, pool, sum));
    for (const [j, c] of (pool.clients ?? []).entries())
      await named(`pools[${i}].clients[${j}]`, () => applyClient(services, pool.Id, c, sum));
    for (const [j, g] of (pool.groups ?? []).entries())
      await named(`pools[${i}].groups[${j}]`, () => applyGroup(services, pool.Id, g, sum));
    for (const [j, u] of (pool.users ?? []).entries())
      await named(`pools[${i}].users[${j}]`, () => applyUser(services, pool.Id, u, sum));
  }
  return sum;
}

/** Deep equality of two JSON values, whatever the order of their keys. */
function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, canon(x)]),
          )
        : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

async function named(entry: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (e) {
    if (e instanceof CognitoError) throw new SeedError(`seed entry ${entry}: ${e.type}: ${e.message}`);
    throw e;
  }
}

/** A new pool through CreateUserPool (its id pinned by the `_custom_id_` tag); an existing one through UpdateUserPool. */
async function applyPool(services: Services, seed: SeedPool, sum: SeedSummary): Promise<void> {
  const { Id, PoolName, clients: _c, groups: _g, users: _u, ...settings } = seed;
  const existing = await services.store.pools.get(Id);
  if (!existing) {
    const UserPoolTags = { ...settings.UserPoolTags, [CUSTOM_ID_TAG]: Id };
    await callOperation(services, "CreateUserPool", { PoolName, ...settings, UserPoolTags });
    sum.created++;
    return;
  }
  // UpdateUserPool replaces every mutable setting: it runs only when what it would make differs.
  const { AliasAttributes, UsernameAttributes, UsernameConfiguration, Schema, ...mutable } = settings;
  const tags = { ...mutable.UserPoolTags, [CUSTOM_ID_TAG]: Id };
  const wouldBe = updatedPoolConfig(poolConfig(existing), { ...mutable, UserPoolTags: tags });
  if (!sameJson(wouldBe, existing.config)) {
    await callOperation(services, "UpdateUserPool", { UserPoolId: Id, ...mutable, UserPoolTags: tags });
    sum.updated++;
  }
  // The name is not something UpdateUserPool sets: a store write, on the row as it is now.
  const fresh = await services.store.pools.get(Id);
  if (fresh && fresh.name !== PoolName) {
    await services.store.pools.update({ ...fresh, name: PoolName, modifiedAt: services.clock.now() });
    sum.updated++;
  }
}

/** A new client with its pinned id (a store write); an existing one through UpdateUserPoolClient. */
async function applyClient(
  services: Services,
  poolId: string,
  seed: SeedClient,
  sum: SeedSummary,
): Promise<void> {
  const { ClientId, ClientSecret, ...settings } = seed;
  const existing = await services.store.clients.get(poolId, ClientId);
  if (!existing) {
    if (await services.store.clients.find(ClientId))
      throw new SeedError(`seed entry for client ${ClientId}: the id belongs to another pool`);
    // Validated as CreateUserPoolClient validates (combinations included) before the write.
    await callOperation(services, "DescribeUserPool", { UserPoolId: poolId });
    await createPinnedClient(services, poolId, ClientId, settings, ClientSecret);
    sum.created++;
    return;
  }
  // UpdateUserPoolClient is a full replace too: compared the same way.
  if (!sameJson(clientConfigFrom(settings), existing.config)) {
    await callOperation(services, "UpdateUserPoolClient", { UserPoolId: poolId, ClientId, ...settings });
    sum.updated++;
  }
  if ((openSecret(services.box, existing) ?? undefined) !== ClientSecret) {
    await setClientSecret(services, poolId, ClientId, ClientSecret);
    sum.updated++;
  }
}
