import type { SecretBox } from "../../crypto/secret-box.ts";
import { safeEqual } from "../../crypto/server-secrets.ts";
import type { ClientRecord } from "../../storage/ports.ts";

/**
 * An app client's secrets (docs/operations.md#client-secrets). A client has up to two at once
 * (AddUserPoolClientSecret, https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html),
 * and every check of a secret (SECRET_HASH, ClientSecret) accepts any of them. They live, sealed
 * together, in the client record's one `secret` value: a client made before secret rotation holds a
 * bare secret there; after the first Add or Delete it holds a JSON list. Secrets match `[\w+]+`,
 * so a value starting with `{` is always the list.
 */
export interface ClientSecret {
  /** `<client-id>--<epoch-create-time>` as AWS describes ClientSecretId; the time in milliseconds (our choice). */
  id: string;
  value: string;
  /** Epoch ms. */
  createdAt: number;
}

export const MAX_CLIENT_SECRETS = 2;

const context = (clientId: string): string => `client-secret:${clientId}`;

export const secretId = (clientId: string, createdAt: number): string => `${clientId}--${createdAt}`;

/** Every secret of the client, oldest first; empty for a public client. */
export function openSecrets(box: SecretBox, c: ClientRecord): ClientSecret[] {
  if (c.secret === null) return [];
  const plain = box.openString(c.secret, context(c.clientId));
  if (plain === null) return [];
  if (!plain.startsWith("{"))
    return [{ id: secretId(c.clientId, c.createdAt), value: plain, createdAt: c.createdAt }];
  const doc = JSON.parse(plain) as { secrets: ClientSecret[] };
  return doc.secrets;
}

/** Seals a client's secret list for its record (null when none is left). */
export function sealSecrets(box: SecretBox, clientId: string, secrets: ClientSecret[]): string | null {
  if (secrets.length === 0) return null;
  return box.seal(JSON.stringify({ secrets }), context(clientId));
}

/**
 * Whether `accepts` holds for any of the client's secrets. Every secret is tried, so the time taken
 * does not tell which one matched.
 */
export function anySecret(secrets: ClientSecret[], accepts: (secret: string) => boolean): boolean {
  let ok = false;
  for (const s of secrets) {
    const hit = accepts(s.value);
    ok = ok || hit;
  }
  return ok;
}

/** A `ClientSecret` request member against every secret, in constant time per comparison. */
export const matchesClientSecret = (secrets: ClientSecret[], given: string): boolean =>
  anySecret(secrets, (s) => safeEqual(s, given));
