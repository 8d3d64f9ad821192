import { createHash, sign as rsaSign } from "node:crypto";
import type { RefreshTokenRecord, TokenStore } from "../storage/ports.ts";
import {
  accessClaims,
  applyOverride,
  type ClaimInputs,
  type ClaimOverride,
  type Claims,
  idClaims,
} from "./claims.ts";
import { newEventId, newRefreshSecret, refreshRecordId, uuidV7 } from "./ids.ts";
import { poolIdFromIssuer } from "./issuer.ts";
import { sealRefreshToken } from "./refresh-token.ts";
import type { LoadedKey, TokenKeys } from "./token-keys.ts";

export interface MintInput {
  /** `<base URL>/<poolId>` (issuerFor). */
  issuer: string;
  poolId: string;
  clientId: string;
  /** `attributes`: only those the client may read (ReadAttributes), without `sub`. */
  user: { sub: string; username: string; attributes: Record<string, string> };
  /** Epoch ms of the original sign-in; unchanged on refresh [docs/tokens.md#what-the-tokens-contain]. */
  authTime: number;
  /** Pass the refresh record's origin when refreshing; a new one is made otherwise. */
  originJti?: string;
  accessValiditySeconds: number;
  idValiditySeconds: number;
  /** Required when includeRefresh. */
  refreshValiditySeconds?: number;
  includeRefresh: boolean;
  /**
   * The new refresh token's expiry when it replaces a rotated one: rotation keeps the original
   * token's end (docs/tokens.md#refresh-token-rotation); a new sign-in gets a full validity window.
   */
  refreshExpiresAt?: number;
  /** Space-separated scopes; default `aws.cognito.signin.user.admin` (native API sign-in) [docs/tokens.md#what-the-tokens-contain]. */
  scope?: string;
  groups?: string[];
  /** ID token only: `cognito:roles` and `cognito:preferred_role`. */
  roles?: string[];
  preferredRole?: string | null;
  /** PreTokenGeneration results (V1: id only; V2: id and access) [docs/triggers.md#pretokengeneration]. */
  claimOverrides?: { id?: ClaimOverride; access?: ClaimOverride };
  /** The tracked device this sign-in used or registered: `device_key` in the access token (docs/mfa.md). */
  deviceKey?: string;
  /** Epoch ms. */
  now: number;
  /**
   * Tokens of the OAuth endpoints (docs/oauth.md#tokens): `version: 2` in the access token, the
   * authorize request's `nonce` and the access token's `at_hash` in the ID token, and no ID token
   * unless `openid` was granted.
   */
  oauth?: { nonce?: string; idToken: boolean };
}

/** The wire `AuthenticationResult`, in the order Cognito sends it [docs/tokens.md#authenticationresult]. */
export interface AuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  IdToken: string;
  RefreshToken?: string;
  TokenType: "Bearer";
  /** A device the sign-in registered, for ConfirmDevice (docs/mfa.md#remembered-devices). */
  NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
}

export interface MintResult {
  authenticationResult: AuthenticationResult;
  originJti: string;
  eventId: string;
  /** The stored record of the new refresh token (already persisted). */
  refreshRecord?: RefreshTokenRecord;
}

export const NATIVE_SCOPE = "aws.cognito.signin.user.admin";

/**
 * Mints an ID/access pair (and a refresh token when asked). The refresh record is written to the
 * TokenStore before the token is returned, so no refresh token exists without its record.
 */
export async function mintTokens(
  deps: { keys: TokenKeys; tokens: TokenStore },
  input: MintInput,
): Promise<MintResult> {
  if (poolIdFromIssuer(input.issuer) !== input.poolId) throw new Error("issuer does not end in the pool id");
  const iat = Math.floor(input.now / 1000);
  const originJti = input.originJti ?? uuidV7(input.now);
  const eventId = newEventId();
  const c: ClaimInputs = {
    iss: input.issuer,
    clientId: input.clientId,
    sub: input.user.sub,
    username: input.user.username,
    attributes: input.user.attributes,
    groups: input.groups ?? [],
    roles: input.roles ?? [],
    preferredRole: input.preferredRole ?? null,
    scope: input.scope ?? NATIVE_SCOPE,
    originJti,
    eventId,
    authTime: Math.floor(input.authTime / 1000),
    iat,
    accessExp: iat + input.accessValiditySeconds,
    idExp: iat + input.idValiditySeconds,
    accessJti: uuidV7(input.now),
    idJti: uuidV7(input.now),
    ...(input.deviceKey !== undefined ? { deviceKey: input.deviceKey } : {}),
  };
  const accessKey = await deps.keys.current("access");
  const idKey = await deps.keys.current("id");
  let AccessToken: string;
  let IdToken: string;
  if (input.oauth) {
    // The ID token names the access token by its hash (OpenID Connect Core 3.1.3.6), so it is signed second.
    AccessToken = sign(
      applyOverride(accessClaims({ ...c, version: 2 }), input.claimOverrides?.access, "access"),
      accessKey,
    );
    const withHash: ClaimInputs = {
      ...c,
      atHash: atHash(AccessToken),
      ...(input.oauth.nonce !== undefined ? { nonce: input.oauth.nonce } : {}),
    };
    IdToken = input.oauth.idToken
      ? sign(applyOverride(idClaims(withHash), input.claimOverrides?.id, "id"), idKey)
      : "";
  } else {
    AccessToken = sign(applyOverride(accessClaims(c), input.claimOverrides?.access, "access"), accessKey);
    IdToken = sign(applyOverride(idClaims(c), input.claimOverrides?.id, "id"), idKey);
  }
  const authenticationResult: AuthenticationResult = {
    AccessToken,
    ExpiresIn: input.accessValiditySeconds,
    IdToken,
    TokenType: "Bearer",
  };
  if (!input.includeRefresh) return { authenticationResult, originJti, eventId };

  if (input.refreshValiditySeconds === undefined) throw new Error("refreshValiditySeconds is required");
  const secret = newRefreshSecret();
  const refreshRecord: RefreshTokenRecord = {
    id: refreshRecordId(secret),
    poolId: input.poolId,
    clientId: input.clientId,
    sub: input.user.sub,
    originJti,
    authTime: input.authTime,
    createdAt: input.now,
    expiresAt: input.refreshExpiresAt ?? input.now + input.refreshValiditySeconds * 1000,
    revokedAt: null,
    rotatedAt: null,
    retiresAt: null,
  };
  const RefreshToken = await sealRefreshToken(deps.keys, secret);
  await deps.tokens.putRefresh(refreshRecord);
  return {
    authenticationResult: {
      AccessToken,
      ExpiresIn: authenticationResult.ExpiresIn,
      IdToken,
      RefreshToken,
      TokenType: "Bearer",
    },
    originJti,
    eventId,
    refreshRecord,
  };
}

/** `at_hash`: the left half of the access token's SHA-256, base64url (OpenID Connect Core 3.1.3.6, RS256). */
export function atHash(accessToken: string): string {
  return createHash("sha256").update(accessToken).digest().subarray(0, 16).toString("base64url");
}

/**
 * A `client_credentials` access token (docs/oauth.md#client_credentials): no user, so `sub` is the
 * client id; the custom scopes granted; `version: 2`; no refresh token and no origin_jti.
 */
export async function mintClientCredentials(
  keys: TokenKeys,
  input: {
    issuer: string;
    clientId: string;
    scope: string;
    validitySeconds: number;
    now: number;
    override?: ClaimOverride;
  },
): Promise<string> {
  const iat = Math.floor(input.now / 1000);
  const claims: Claims = {
    sub: input.clientId,
    token_use: "access",
    scope: input.scope,
    auth_time: iat,
    iss: input.issuer,
    exp: iat + input.validitySeconds,
    iat,
    version: 2,
    jti: uuidV7(input.now),
    client_id: input.clientId,
  };
  return sign(applyOverride(claims, input.override, "access"), await keys.current("access"));
}

/**
 * RS256 JWS with Cognito's header `{"kid","alg"}` and no `typ` [docs/tokens.md#token-format]; claims
 * serialised in order. RFC 7515 compact serialisation done here with node:crypto's synchronous
 * RSASSA-PKCS1-v1_5 / SHA-256 (RFC 7518 §3.3): through WebCrypto the same signature cost a thread
 * hop, promises and key checks on top (docs/performance.md#near-the-floor).
 */
function sign(claims: Claims, key: LoadedKey): string {
  const input = `${b64u(JSON.stringify({ kid: key.kid, alg: "RS256" }))}.${b64u(JSON.stringify(claims))}`;
  return `${input}.${rsaSign("sha256", Buffer.from(input, "latin1"), key.nodePrivate).toString("base64url")}`;
}

const b64u = (text: string): string => Buffer.from(text, "utf8").toString("base64url");
