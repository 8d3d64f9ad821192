import type { SecretBox } from "../../crypto/secret-box.ts";

/**
 * SECRET_BLOCK (docs/srp.md#the-wire-exchange, docs/srp.md#what-the-server-stores-and-computes): an opaque, authenticated, standard-base64 blob the client signs and
 * echoes. Ours is the session id sealed with the master key (AES-256-GCM) under a context naming the
 * pool and client, so it cannot be forged, read, or used with another client; the SRP state itself
 * stays server-side in the single-use session record (./session.ts), which makes it unreplayable.
 */
const context = (poolId: string, clientId: string): string => `srp-secret-block:${poolId}:${clientId}`;

export function sealSecretBlock(box: SecretBox, sessionId: string, poolId: string, clientId: string): string {
  const sealed = box.seal(sessionId, context(poolId, clientId));
  // SecretBox's `v1.<base64url>`; the wire form is the raw bytes in standard base64 (as Cognito's).
  return Buffer.from(sealed.slice(3), "base64url").toString("base64");
}

/** The session id inside a block we issued for this pool and client, or null. */
export function openSecretBlock(
  box: SecretBox,
  block: string,
  poolId: string,
  clientId: string,
): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(block)) return null;
  return box.openString(
    `v1.${Buffer.from(block, "base64").toString("base64url")}`,
    context(poolId, clientId),
  );
}
