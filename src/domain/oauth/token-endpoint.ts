import { safeEqual } from "../../crypto/server-secrets.ts";
import type { Services } from "../../services.ts";
import type { ClientRecord, PoolRecord } from "../../storage/ports.ts";
import { issuerFor, mintClientCredentials, openRefreshToken, verifyAccessToken } from "../../tokens/index.ts";
import { type AuthContext, loadRefresh, mintFor } from "../auth-flows/index.ts";
import { CognitoError } from "../errors/index.ts";
import { clientConfig, openSecret, tokenValidity } from "../pools/client.ts";
import { redeemCode, verifierMatches } from "./grants.ts";
import { isCustomScope, splitScopes } from "./scopes.ts";

/**
 * `POST /oauth2/token` and `/oauth2/revoke` (https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html; docs/oauth.md#token).
 * Refusals are OAuth errors: a status and a compact `{"error":"…"}` body, as Cognito sends them.
 */
export class OAuthError extends Error {
  readonly status: number;
  readonly error: string;
  constructor(error: string, status = 400) {
    super(error);
    this.error = error;
    this.status = status;
  }
}

/** The answer of a successful grant, field names as Cognito's. */
export interface TokenAnswer {
  id_token?: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: "Bearer";
}

export interface ClientCredentials {
  /** From `Authorization: Basic` when present (client_secret_basic). */
  basic?: { id: string; secret: string };
  /** From the body (client_secret_post, or a public client's client_id). */
  form: Record<string, string>;
}

/**
 * The calling client: Basic header or body credentials; a client with a secret must present it, a
 * public client names itself by client_id. Any failure is `invalid_client` (401 when Basic was tried).
 */
export async function authenticateClient(
  services: Pick<Services, "store" | "box">,
  pool: PoolRecord,
  cred: ClientCredentials,
): Promise<ClientRecord> {
  const status = cred.basic ? 401 : 400;
  const id = cred.basic?.id ?? cred.form.client_id ?? "";
  const given = cred.basic?.secret ?? cred.form.client_secret;
  if (cred.basic && cred.form.client_id !== undefined && cred.form.client_id !== cred.basic.id)
    throw new OAuthError("invalid_client", status);
  const client = id.length > 0 && id.length <= 128 ? await services.store.clients.get(pool.id, id) : null;
  if (!client) throw new OAuthError("invalid_client", status);
  const secret = openSecret(services.box, client);
  if (secret === null) {
    if (given !== undefined && given !== "") throw new OAuthError("invalid_client", status);
    return client;
  }
  if (given === undefined || !safeEqual(secret, given)) throw new OAuthError("invalid_client", status);
  return client;
}

const required = (form: Record<string, string>, name: string): string => {
  const v = form[name];
  if (v === undefined || v === "") throw new OAuthError("invalid_request");
  return v;
};

/** The OAuth flows and the user-pool client switch that every user-facing grant needs. */
function assertOAuthClient(
  client: ClientRecord,
  flow: "code" | "implicit" | "client_credentials" | "refresh",
): void {
  const c = clientConfig(client);
  if (!c.AllowedOAuthFlowsUserPoolClient) throw new OAuthError("unauthorized_client");
  const flows = c.AllowedOAuthFlows ?? [];
  if (flow === "refresh" ? !(flows.includes("code") || flows.includes("implicit")) : !flows.includes(flow))
    throw new OAuthError("unauthorized_client");
}

/** What the grants need from the caller: the sign-in context of the client (with its trigger calls). */
export type ContextFor = (client: ClientRecord) => AuthContext;

export async function tokenGrant(
  services: Pick<Services, "store" | "box" | "secrets" | "tokenKeys" | "clock" | "config">,
  pool: PoolRecord,
  cred: ClientCredentials,
  contextFor: ContextFor,
): Promise<TokenAnswer> {
  const form = cred.form;
  const grantType = required(form, "grant_type");
  if (!["authorization_code", "refresh_token", "client_credentials"].includes(grantType))
    throw new OAuthError("unsupported_grant_type");
  const client = await authenticateClient(services, pool, cred);
  const now = services.clock.now();

  if (grantType === "client_credentials") {
    assertOAuthClient(client, "client_credentials");
    const allowed = (clientConfig(client).AllowedOAuthScopes ?? []).filter(isCustomScope);
    const requested = splitScopes(form.scope);
    const scopes = requested.length > 0 ? requested.filter((s) => allowed.includes(s)) : allowed;
    if (scopes.length === 0) throw new OAuthError("invalid_scope");
    const validity = tokenValidity(clientConfig(client)).access;
    const access = await mintClientCredentials(services.tokenKeys, {
      issuer: issuerFor(services.config.issuerBaseUrl, pool.id),
      clientId: client.clientId,
      scope: scopes.join(" "),
      validitySeconds: validity,
      now,
    });
    return { access_token: access, expires_in: validity, token_type: "Bearer" };
  }

  if (grantType === "authorization_code") {
    const code = required(form, "code");
    const redirectUri = required(form, "redirect_uri");
    assertOAuthClient(client, "code");
    const grant = await redeemCode(services, pool.id, code, now);
    if (!grant || grant.clientId !== client.clientId) throw new OAuthError("invalid_grant");
    // A redirect_uri differing from the authorize request's (a trailing slash too) is refused as
    // unauthorized_client, as a real Cognito answer shows (docs/oauth.md#token).
    if (grant.redirectUri !== redirectUri) throw new OAuthError("unauthorized_client");
    if (grant.challenge && !verifierMatches(grant.challenge, form.code_verifier))
      throw new OAuthError("invalid_grant");
    const user = await services.store.users.findBySub(pool.id, grant.sub);
    if (!user?.enabled) throw new OAuthError("invalid_grant");
    const ctx = contextFor(client);
    const r = await mintFor(ctx, user, "TokenGeneration_HostedAuth", undefined, {
      grant: { scope: grant.scope, ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}) },
    });
    return answer(r);
  }

  // refresh_token
  const token = required(form, "refresh_token");
  assertOAuthClient(client, "refresh");
  const ctx = contextFor(client);
  try {
    const { record, user } = await loadRefresh(ctx, token);
    const r = await mintFor(ctx, user, "TokenGeneration_RefreshTokens", record);
    return answer(r);
  } catch (e) {
    if (e instanceof CognitoError) throw new OAuthError("invalid_grant");
    throw e;
  }
}

function answer(r: {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
}): TokenAnswer {
  return {
    ...(r.IdToken !== "" ? { id_token: r.IdToken } : {}),
    access_token: r.AccessToken,
    ...(r.RefreshToken !== undefined ? { refresh_token: r.RefreshToken } : {}),
    expires_in: r.ExpiresIn,
    token_type: "Bearer",
  };
}

/**
 * `/oauth2/revoke`: a refresh token of this client is revoked with every token minted from it; an
 * unknown or already revoked token is a success (RFC 7009 §2.2); a JWT is `unsupported_token_type`;
 * a client with revocation off is `invalid_request`.
 */
export async function revokeGrant(
  services: Pick<Services, "store" | "box" | "tokenKeys" | "clock">,
  pool: PoolRecord,
  cred: ClientCredentials,
): Promise<void> {
  const token = cred.form.token;
  if (token === undefined || token === "") throw new OAuthError("invalid_request");
  const client = await authenticateClient(services, pool, cred);
  if (!clientConfig(client).EnableTokenRevocation) throw new OAuthError("invalid_request");
  if (token.split(".").length === 3) throw new OAuthError("unsupported_token_type");
  const id = await openRefreshToken(services.tokenKeys, token);
  const record = id === null ? null : await services.store.tokens.getRefresh(id);
  if (!record || record.clientId !== client.clientId || record.poolId !== pool.id) return;
  await services.store.tokens.revokeOrigin(record, services.clock.now(), record.expiresAt);
}

/** The OIDC claims each scope releases at userInfo (OpenID Connect Core 5.4). */
const SCOPE_CLAIMS: Record<string, string[]> = {
  profile: [
    "name",
    "family_name",
    "given_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "updated_at",
    "address",
  ],
  email: ["email", "email_verified"],
  phone: ["phone_number", "phone_number_verified"],
};

export type UserInfoRefusal = { status: 400 | 401; header: string; body?: Record<string, string> };

/**
 * `/oauth2/userInfo` (https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html):
 * the user's attributes that the token's scopes release; `sub` and `username` always. Values are
 * strings as stored (decision: `email_verified` is `"true"`, docs/oauth.md#userinfo).
 */
export async function userInfo(
  services: Pick<Services, "store" | "tokenKeys" | "clock">,
  pool: PoolRecord,
  token: string | undefined,
): Promise<Record<string, string> | UserInfoRefusal> {
  const invalidRequest: UserInfoRefusal = {
    status: 400,
    header: 'error="invalid_request", error_description="Bad OAuth2 request at UserInfo Endpoint"',
  };
  const invalidToken: UserInfoRefusal = {
    status: 401,
    header:
      'error="invalid_token", error_description="Access token is expired, disabled, or deleted, or the user has globally signed out."',
  };
  if (!token) return invalidRequest;
  let info: Awaited<ReturnType<typeof verifyAccessToken>>;
  try {
    info = await verifyAccessToken({ keys: services.tokenKeys, tokens: services.store.tokens }, token, {
      poolId: pool.id,
      now: services.clock.now(),
    });
  } catch {
    return invalidToken;
  }
  if (!info.scopes.includes("openid"))
    return {
      ...invalidRequest,
      body: { error: "invalid_request", error_description: "Access token does not contain openid scope" },
    };
  const user = await services.store.users.findBySub(pool.id, info.sub);
  const revokedBefore = user?.meta.tokensRevokedBefore;
  if (!user?.enabled || (typeof revokedBefore === "number" && info.mintedAt <= revokedBefore))
    return invalidToken;
  const out: Record<string, string> = { sub: user.sub };
  for (const scope of info.scopes)
    for (const name of SCOPE_CLAIMS[scope] ?? []) {
      const v = user.attributes[name];
      if (v !== undefined) out[name] = v;
    }
  if (user.attributes.identities !== undefined) out.identities = user.attributes.identities;
  out.username = user.username;
  return out;
}
