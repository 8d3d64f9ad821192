import { compactVerify, decodeProtectedHeader } from "jose";
import type { TokenStore } from "../storage/ports.ts";
import { uuidV7Time } from "./ids.ts";
import { poolIdFromIssuer } from "./issuer.ts";
import { TokenError } from "./token-errors.ts";
import type { TokenKeys } from "./token-keys.ts";

export interface AccessTokenInfo {
  /** From the last segment of `iss`: how token-authorised operations find their pool. */
  poolId: string;
  iss: string;
  sub: string;
  username: string;
  clientId: string;
  originJti: string;
  jti: string;
  scopes: string[];
  groups: string[];
  /** Epoch seconds, as in the token. */
  exp: number;
  iat: number;
  authTime: number;
  /** Epoch ms the token was minted (from the UUIDv7 jti; iat·1000 for any other jti). */
  mintedAt: number;
}

/**
 * Verifies an access token for a token-authorised operation (GetUser, ChangePassword, GlobalSignOut…).
 * Garbage, forged, ID tokens and other pools' tokens → `Invalid Access Token`; then expiry →
 * `Access Token has expired`; then RevokeToken's origin list → `Access Token has been revoked`
 * [docs/errors.md]. GlobalSignOut is checked afterwards by the caller with `assertNotSignedOut`.
 */
export async function verifyAccessToken(
  deps: { keys: TokenKeys; tokens: TokenStore },
  token: string,
  opts: { poolId?: string; issuer?: string; now: number },
): Promise<AccessTokenInfo> {
  const info = await verifiedClaims(deps.keys, token);
  if (opts.poolId !== undefined && info.poolId !== opts.poolId) throw invalid("issued by another pool");
  if (opts.issuer !== undefined && info.iss !== opts.issuer) throw invalid("issuer mismatch");
  if (opts.now >= info.exp * 1000) throw new TokenError("access", "expired", "past exp");
  if (await deps.tokens.isOriginRevoked(info.originJti))
    throw new TokenError("access", "revoked", "origin revoked");
  return info;
}

/**
 * GlobalSignOut / AdminUserGlobalSignOut record the instant (epoch ms) in the user's
 * `meta.tokensRevokedBefore`; every access token minted at or before it is revoked [docs/operations.md#token-authorised-operations].
 */
export function assertNotSignedOut(
  token: Pick<AccessTokenInfo, "mintedAt">,
  tokensRevokedBefore: unknown,
): void {
  if (typeof tokensRevokedBefore === "number" && token.mintedAt <= tokensRevokedBefore) {
    throw new TokenError("access", "revoked", "signed out globally");
  }
}

const invalid = (detail: string): TokenError => new TokenError("access", "invalid", detail);

async function verifiedClaims(keys: TokenKeys, token: string): Promise<AccessTokenInfo> {
  if (typeof token !== "string" || token.split(".").length !== 3) throw invalid("not a JWS");
  let kid: unknown;
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== "RS256") throw invalid("alg");
    kid = header.kid;
  } catch (e) {
    throw e instanceof TokenError ? e : invalid("unreadable header");
  }
  // Only access-token keys: an ID token (signed with the ID key) is not accepted here.
  const key = typeof kid === "string" ? await keys.find(kid, "access") : null;
  if (!key) throw invalid("unknown kid");
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(token, key.publicKey, { algorithms: ["RS256"] }));
  } catch {
    throw invalid("bad signature");
  }
  return toInfo(parseJson(payload));
}

function parseJson(bytes: Uint8Array): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw invalid("payload is not a JSON object");
}

function toInfo(p: Record<string, unknown>): AccessTokenInfo {
  const str = (k: string): string => {
    const v = p[k];
    if (typeof v !== "string" || v === "") throw invalid(`claim ${k}`);
    return v;
  };
  const num = (k: string): number => {
    const v = p[k];
    if (typeof v !== "number" || !Number.isFinite(v)) throw invalid(`claim ${k}`);
    return v;
  };
  if (p.token_use !== "access") throw invalid("token_use");
  const iss = str("iss");
  const poolId = poolIdFromIssuer(iss);
  if (!poolId) throw invalid("iss names no pool");
  const jti = str("jti");
  const iat = num("iat");
  const groups = p["cognito:groups"];
  return {
    poolId,
    iss,
    sub: str("sub"),
    username: str("username"),
    clientId: str("client_id"),
    originJti: str("origin_jti"),
    jti,
    scopes: str("scope").split(" ").filter(Boolean),
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === "string") : [],
    exp: num("exp"),
    iat,
    authTime: num("auth_time"),
    mintedAt: uuidV7Time(jti) ?? iat * 1000,
  };
}
