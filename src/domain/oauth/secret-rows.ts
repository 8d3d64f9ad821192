import { randomBytes } from "node:crypto";
import type { Services } from "../../services.ts";

/**
 * A secret handed to a browser (an authorization code, the managed-login session cookie) and kept
 * server-side as a session row keyed by a MAC of it, never the secret itself, with its content
 * sealed under that row id (docs/oauth.md#codes-and-sessions). A row answers only for its pool,
 * before it expires and before it is used up: `take` uses it up atomically (the session store's
 * `consume`, so of two racing redemptions one wins), `read` leaves it usable, `end` uses it up
 * without reading it.
 */
export type SecretRowServices = Pick<Services, "store" | "box" | "secrets">;

export interface SecretRows<T> {
  issue(services: SecretRowServices, poolId: string, content: T, now: number): Promise<string>;
  read(
    services: SecretRowServices,
    poolId: string,
    secret: string | undefined,
    now: number,
  ): Promise<T | null>;
  take(
    services: SecretRowServices,
    poolId: string,
    secret: string | undefined,
    now: number,
  ): Promise<T | null>;
  end(services: SecretRowServices, secret: string | undefined, now: number): Promise<void>;
}

/**
 * The rows of one kind: `kind` names the row id's prefix and the MAC's context, `ttlMs` their
 * lifetime, `maxSecretLength` the longest secret worth a MAC (longer ones are nobody's).
 */
export function secretRows<T>(kind: string, ttlMs: number, maxSecretLength: number): SecretRows<T> {
  const rowId = (services: SecretRowServices, secret: string): string =>
    `${kind}:${services.secrets.macHex(`oauth-${kind}`, secret)}`;
  const usable = (secret: string | undefined): secret is string =>
    secret !== undefined && secret.length > 0 && secret.length <= maxSecretLength;

  async function open(
    services: SecretRowServices,
    poolId: string,
    secret: string | undefined,
    now: number,
    use: boolean,
  ): Promise<T | null> {
    if (!usable(secret)) return null;
    const id = rowId(services, secret);
    const row = use ? await services.store.sessions.consume(id, now) : await services.store.sessions.get(id);
    if (!row || row.poolId !== poolId || row.usedAt !== null || now >= row.expiresAt) return null;
    const plain = services.box.openString(row.data, id);
    return plain === null ? null : (JSON.parse(plain) as T);
  }

  return {
    async issue(services, poolId, content, now) {
      const secret = randomBytes(32).toString("base64url");
      const id = rowId(services, secret);
      await services.store.sessions.put({
        id,
        poolId,
        data: services.box.seal(JSON.stringify(content), id),
        expiresAt: now + ttlMs,
        usedAt: null,
      });
      return secret;
    },
    read: (services, poolId, secret, now) => open(services, poolId, secret, now, false),
    take: (services, poolId, secret, now) => open(services, poolId, secret, now, true),
    async end(services, secret, now) {
      if (usable(secret)) await services.store.sessions.consume(rowId(services, secret), now);
    },
  };
}
