import { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from "jose";
import type { RefreshTokenRecord } from "../storage/ports.ts";
import { refreshRecordId } from "./ids.ts";
import { TokenError } from "./token-errors.ts";
import type { TokenKeys } from "./token-keys.ts";

/**
 * Refresh tokens are opaque JWEs with Cognito's header `{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}`
 * (five parts) [docs/tokens.md#token-format]. No `kid`, like Cognito's, so opening tries the current refresh key first and
 * then retired ones. Inside is only a random secret; its hash is the TokenStore id, and the record
 * holds everything else (pool, client, sub, origin_jti, auth_time, expiry, revocation).
 */
const HEADER = { cty: "JWT", enc: "A256GCM", alg: "RSA-OAEP" } as const;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export async function sealRefreshToken(keys: TokenKeys, secret: string): Promise<string> {
  const key = await keys.current("refresh");
  return new CompactEncrypt(new TextEncoder().encode(secret))
    .setProtectedHeader({ ...HEADER })
    .encrypt(key.publicKey);
}

/** The TokenStore id named by a refresh token, or null when the token is not one of ours. */
export async function openRefreshToken(keys: TokenKeys, token: string): Promise<string | null> {
  if (token.split(".").length !== 5) return null;
  try {
    const h = decodeProtectedHeader(token);
    if (h.alg !== HEADER.alg || h.enc !== HEADER.enc) return null;
  } catch {
    return null;
  }
  for (const key of await keys.all("refresh")) {
    try {
      const { plaintext } = await compactDecrypt(token, key.privateKey, {
        keyManagementAlgorithms: [HEADER.alg],
        contentEncryptionAlgorithms: [HEADER.enc],
      });
      const secret = new TextDecoder().decode(plaintext);
      return SECRET.test(secret) ? refreshRecordId(secret) : null;
    } catch {
      // Not this key (or not ours at all): try the next one.
    }
  }
  return null;
}

/**
 * Checks a refresh token's record for REFRESH_TOKEN_AUTH / GetTokensFromRefreshToken and returns it.
 * Order: unknown or another client's → invalid; then expired; then revoked (RevokeToken, GlobalSignOut).
 */
export function checkRefresh(
  record: RefreshTokenRecord | null,
  opts: { clientId: string; poolId?: string; now: number },
): RefreshTokenRecord {
  if (!record) throw new TokenError("refresh", "invalid", "unknown refresh token");
  if (record.clientId !== opts.clientId)
    throw new TokenError("refresh", "invalid", "issued to another client");
  if (opts.poolId !== undefined && record.poolId !== opts.poolId) {
    throw new TokenError("refresh", "invalid", "issued by another pool");
  }
  if (opts.now >= record.expiresAt) throw new TokenError("refresh", "expired", "past expiresAt");
  if (record.revokedAt !== null) throw new TokenError("refresh", "revoked", "revoked");
  return record;
}
