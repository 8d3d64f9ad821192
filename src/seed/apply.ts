import { CognitoError } from "../domain/errors/index.ts";
import { CUSTOM_ID_TAG } from "../domain/pools/custom-id.ts";
import type { Services } from "../services.ts";
import { callOperation } from "./internal-call.ts";
import { type SeedClient, type SeedDocument, SeedError, type SeedPool, type SeedUser } from "./schema.ts";
import { createPinnedClient, setClientSecret } from "./store-writes.ts";

/** What one application of a seed did, for the start log and the reset answer. */
export interface SeedSummary {
  created: number;
  updated: number;
}

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
    for (const [j, u] of (pool.users ?? []).entries())
      await named(`pools[${i}].users[${j}]`, () => applyUser(services, pool.Id, u, sum));
  }
  return sum;
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
  const { Id, PoolName, clients: _c, users: _u, ...settings } = seed;
  const existing = await services.store.pools.get(Id);
  if (!existing) {
    const UserPoolTags = { ...settings.UserPoolTags, [CUSTOM_ID_TAG]: Id };
    await callOperation(services, "CreateUserPool", { PoolName, ...settings, UserPoolTags });
    sum.created++;
    return;
  }
  // UpdateUserPool replaces every mutable setting, so it runs only when the file changed something.
  const { AliasAttributes, UsernameAttributes, UsernameConfiguration, Schema, ...mutable } = settings;
  const described = await callOperation(services, "DescribeUserPool", { UserPoolId: Id });
  const current = described.UserPool as Record<string, unknown>;
  const tags = { ...mutable.UserPoolTags, [CUSTOM_ID_TAG]: Id };
  const changed = Object.entries({ ...mutable, UserPoolTags: tags }).some(
    ([k, v]) => JSON.stringify(v) !== JSON.stringify(current[k]),
  );
  if (changed) {
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
  const described = await callOperation(services, "DescribeUserPoolClient", { UserPoolId: poolId, ClientId });
  const current = described.UserPoolClient as Record<string, unknown>;
  const changed = Object.entries(settings).some(([k, v]) => JSON.stringify(v) !== JSON.stringify(current[k]));
  if (changed) {
    await callOperation(services, "UpdateUserPoolClient", { UserPoolId: poolId, ClientId, ...settings });
    sum.updated++;
  }
  if ((current.ClientSecret ?? undefined) !== ClientSecret) {
    await setClientSecret(services, poolId, ClientId, ClientSecret);
    sum.updated++;
  }
}

/**
 * A new user through AdminCreateUser (no invitation), then AdminSetUserPassword for a permanent
 * password and AdminDisableUser when disabled. An existing user gets the attributes the file names
 * and its enabled state; its password is left alone (docs/seeding.md#users).
 */
async function applyUser(
  services: Services,
  poolId: string,
  seed: SeedUser,
  sum: SeedSummary,
): Promise<void> {
  const at = { UserPoolId: poolId, Username: seed.Username };
  const existing = await getUser(services, at);
  if (!existing) {
    await callOperation(services, "AdminCreateUser", {
      ...at,
      MessageAction: "SUPPRESS",
      ...(seed.UserAttributes ? { UserAttributes: seed.UserAttributes } : {}),
      ...(seed.TemporaryPassword ? { TemporaryPassword: seed.TemporaryPassword } : {}),
    });
    if (seed.Password)
      await callOperation(services, "AdminSetUserPassword", {
        ...at,
        Password: seed.Password,
        Permanent: true,
      });
    if (seed.Enabled === false) await callOperation(services, "AdminDisableUser", at);
    sum.created++;
    return;
  }
  const have = new Map(
    (existing.UserAttributes as { Name: string; Value: string }[]).map((a) => [a.Name, a.Value]),
  );
  const differing = (seed.UserAttributes ?? []).filter((a) => have.get(a.Name) !== a.Value);
  if (differing.length > 0) {
    await callOperation(services, "AdminUpdateUserAttributes", { ...at, UserAttributes: differing });
    sum.updated++;
  }
  const enabled = seed.Enabled ?? true;
  if (existing.Enabled !== enabled) {
    await callOperation(services, enabled ? "AdminEnableUser" : "AdminDisableUser", at);
    sum.updated++;
  }
}

async function getUser(services: Services, at: { UserPoolId: string; Username: string }) {
  try {
    return await callOperation(services, "AdminGetUser", at);
  } catch (e) {
    if (e instanceof CognitoError && e.type === "UserNotFoundException") return null;
    throw e;
  }
}
