import type { SecretBox } from "../../crypto/secret-box.ts";
import type { Store } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import {
  type ClientSecret,
  MAX_CLIENT_SECRETS,
  openSecrets,
  sealSecrets,
  secretId,
} from "./client-secrets.ts";
import { requireClient } from "./lookup.ts";

/** Reads, changes and writes back a client's secret list, retrying when a concurrent change landed first. */
async function changeSecrets<T>(
  store: Store,
  box: SecretBox,
  poolId: string,
  clientId: string,
  now: number,
  change: (secrets: ClientSecret[]) => { next: ClientSecret[]; result: T },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const client = await requireClient(store, poolId, clientId);
    const { next, result } = change(openSecrets(box, client));
    const sealed = sealSecrets(box, clientId, next);
    if (await store.clients.swapSecret(poolId, clientId, client.secret, sealed, now)) return result;
    // Another Add/Delete changed the list since it was read: read it again (a few times at most).
    if (attempt >= 4) throw errors.internal();
  }
}

/**
 * AddUserPoolClientSecret: a second secret next to the first, up to two; the value given, or a
 * generated one (docs/operations.md#client-secrets).
 */
export function addClientSecret(
  store: Store,
  box: SecretBox,
  poolId: string,
  clientId: string,
  value: string,
  now: number,
): Promise<ClientSecret> {
  return changeSecrets(store, box, poolId, clientId, now, (secrets) => {
    if (secrets.length === 0) throw errors.clientWithoutSecret(clientId);
    if (secrets.length >= MAX_CLIENT_SECRETS) throw errors.clientSecretLimit();
    // Ids carry the creation time; one created in the same millisecond as another gets the next one.
    let at = now;
    while (secrets.some((s) => s.id === secretId(clientId, at))) at++;
    const added = { id: secretId(clientId, at), value, createdAt: at };
    return { next: [...secrets, added], result: added };
  });
}

/** DeleteUserPoolClientSecret: never the last one. */
export function deleteClientSecret(
  store: Store,
  box: SecretBox,
  poolId: string,
  clientId: string,
  id: string,
  now: number,
): Promise<void> {
  return changeSecrets(store, box, poolId, clientId, now, (secrets) => {
    if (!secrets.some((s) => s.id === id)) throw errors.clientSecretNotFound(id);
    if (secrets.length === 1) throw errors.lastClientSecret();
    return { next: secrets.filter((s) => s.id !== id), result: undefined };
  });
}
