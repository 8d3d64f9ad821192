import { constants, createCipheriv, publicEncrypt } from "node:crypto";
import { compactDecrypt, decodeProtectedHeader } from "jose";
import { pooledRandomBytes } from "../crypto/random-pool.ts";
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

const HEADER_B64 = Buffer.from(JSON.stringify(HEADER)).toString("base64url");

/**
 * RFC 7516 compact JWE, built with node:crypto: a fresh 256-bit content key wrapped with RSA-OAEP
 * (SHA-1 and MGF1-SHA-1, RFC 7518 §4.3), the secret sealed with AES-256-GCM under a 96-bit IV, and the
 * encoded protected header as the additional data (RFC 7516 §5.1). The same bytes jose would produce,
 * without its per-call key checks and promises; `openRefreshToken` still opens it with jose.
 */
export async function sealRefreshToken(keys: TokenKeys, secret: string): Promise<string> {
  const key = await keys.current("refresh");
  const cek = pooledRandomBytes(32);
  const iv = pooledRandomBytes(12);
  const wrapped = publicEncrypt(
    { key: key.nodePublic, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" },
    cek,
  );
  const cipher = createCipheriv("aes-256-gcm", cek, iv);
  cipher.setAAD(Buffer.from(HEADER_B64, "ascii"));
  const ct = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  const parts = [wrapped, iv, ct, cipher.getAuthTag()].map((b) => b.toString("base64url"));
  return `${HEADER_B64}.${parts.join(".")}`;
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
