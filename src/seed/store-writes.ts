import { clientConfigFrom, sealSecret } from "../domain/pools/client.ts";
import type { ClientSettings } from "../domain/pools/client-settings.ts";
import type { Services } from "../services.ts";

/**
 * The few writes a seed makes that the API cannot express: an app client with a fixed id (and a
 * fixed secret), a new secret for an existing client, and a reset that removes pools whatever their
 * deletion protection (docs/seeding.md#how-it-is-applied). Everything else goes through the operations.
 */
type Deps = Pick<Services, "box" | "clock" | "store">;

/** A new app client with the given id, its settings defaulted exactly as CreateUserPoolClient does. */
export async function createPinnedClient(
  { store, clock, box }: Deps,
  poolId: string,
  clientId: string,
  settings: ClientSettings & { ClientName: string },
  secret: string | undefined,
): Promise<void> {
  const now = clock.now();
  await store.clients.create({
    poolId,
    clientId,
    config: { ...clientConfigFrom(settings) },
    secret: secret === undefined ? null : sealSecret(box, clientId, secret),
    createdAt: now,
    modifiedAt: now,
  });
}

/** Replaces (or removes, with undefined) an existing client's secret. */
export async function setClientSecret(
  { store, clock, box }: Deps,
  poolId: string,
  clientId: string,
  secret: string | undefined,
): Promise<void> {
  const client = await store.clients.get(poolId, clientId);
  if (!client) return;
  const sealed = secret === undefined ? null : sealSecret(box, clientId, secret);
  await store.clients.update({ ...client, secret: sealed, modifiedAt: clock.now() });
}

/** Deletes every pool (with its clients and users), deletion protection notwithstanding. */
export async function deleteAllPools({ store }: Pick<Services, "store">): Promise<number> {
  let deleted = 0;
  let after: string | undefined;
  for (;;) {
    const page = await store.pools.list(60, after);
    if (page.length === 0) return deleted;
    for (const p of page) if (await store.pools.delete(p.id)) deleted++;
    after = page[page.length - 1]?.id;
  }
}
