import { createHmac } from "node:crypto";
import type { SecretBox } from "../../crypto/secret-box.ts";
import { safeEqual } from "../../crypto/server-secrets.ts";
import type { ClientRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { anySecret, openSecrets } from "./client-secrets.ts";

/** SECRET_HASH = Base64(HMAC-SHA256(key = client secret, message = username + clientId)) (docs/srp.md#secret_hash). */
export const computeSecretHash = (secret: string, username: string, clientId: string): string =>
  createHmac("sha256", secret)
    .update(username + clientId)
    .digest("base64");

/**
 * For clients with a secret: a missing hash is `Client <id> is configured for secret but secret was
 * not received`, a wrong one `Unable to verify secret hash for client <id>` (docs/errors.md). The username is
 * the one in the same request. Public clients ignore any hash sent. A hash made with any of the
 * client's secrets is accepted.
 */
export function checkSecretHash(
  box: SecretBox,
  client: ClientRecord,
  username: string,
  given: string | undefined,
): void {
  const secrets = openSecrets(box, client);
  if (secrets.length === 0) return;
  if (given === undefined || given === "") throw errors.secretMissing(client.clientId);
  // Any live secret will do (two during a rotation, docs/operations.md#client-secrets).
  if (!anySecret(secrets, (s) => safeEqual(computeSecretHash(s, username, client.clientId), given))) {
    throw errors.secretMismatch(client.clientId);
  }
}
