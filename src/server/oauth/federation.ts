import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRemoteJWKSet, jwtVerify } from "jose";
import {
  type AuthorizeRequest,
  checkAuthorize,
  isProblem,
  redirectTo,
} from "../../domain/oauth/authorize.ts";
import { domainUrl } from "../../domain/oauth/domains.ts";
import { federatedSignIn } from "../../domain/oauth/federated-users.ts";
import { findProvider, type IdentityProvider } from "../../domain/oauth/providers.ts";
import { domainLocation } from "../../operations/oauth-location.ts";
import type { Services } from "../../services.ts";
import type { PoolRecord, UserRecord } from "../../storage/ports.ts";
import { redirect, sendHtml } from "./http.ts";
import type { DomainRequest } from "./locate.ts";
import { errorPage } from "./pages.ts";

/**
 * Sign-in through an OpenID Connect identity provider (docs/oauth.md#federation): the authorization
 * code flow to the provider, its answer at `/oauth2/idpresponse`, the ID token verified against the
 * provider's keys, AttributeMapping, then the federated (or linked) user signs in like any other.
 * The pending request is a session row keyed by a MAC of the `state` sent to the provider.
 */
const PENDING_TTL_MS = 10 * 60_000;

interface Endpoints {
  authorize: string;
  token: string;
  jwks: string;
  userinfo?: string;
  issuer?: string;
}

interface Pending {
  provider: string;
  nonce: string;
  /** The authorize parameters of the client's request, replayed when the provider answers. */
  carry: Record<string, string>;
}

async function endpointsOf(p: IdentityProvider): Promise<Endpoints> {
  const d = p.ProviderDetails;
  if (d.authorize_url && d.token_url && d.jwks_uri)
    return {
      authorize: d.authorize_url,
      token: d.token_url,
      jwks: d.jwks_uri,
      ...(d.attributes_url ? { userinfo: d.attributes_url } : {}),
      ...(d.oidc_issuer ? { issuer: d.oidc_issuer } : {}),
    };
  const issuer = (d.oidc_issuer ?? "").replace(/\/+$/, "");
  const res = await fetch(`${issuer}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(5_000),
  });
  if (!res.ok) throw new Error(`discovery of ${issuer} answered ${res.status}`);
  const m = (await res.json()) as Record<string, string>;
  const authorize = d.authorize_url ?? m.authorization_endpoint;
  const token = d.token_url ?? m.token_endpoint;
  const jwks = d.jwks_uri ?? m.jwks_uri;
  if (!authorize || !token || !jwks) throw new Error(`discovery of ${issuer} lacks endpoints`);
  const userinfo = d.attributes_url ?? m.userinfo_endpoint;
  return { authorize, token, jwks, issuer: m.issuer ?? issuer, ...(userinfo ? { userinfo } : {}) };
}

const idpResponseUrl = (services: Services, d: DomainRequest): string =>
  `${domainUrl(domainLocation(services.config), d.prefix)}/oauth2/idpresponse`;

const pendingId = (services: Services, state: string): string =>
  `fed:${services.secrets.macHex("oauth-federation", state)}`;

function failBack(
  res: ServerResponse,
  areq: Pick<AuthorizeRequest, "redirectUri" | "state" | "responseType">,
  description: string,
): void {
  redirect(
    res,
    redirectTo(
      areq.redirectUri,
      {
        error: "invalid_request",
        error_description: description,
        ...(areq.state !== undefined ? { state: areq.state } : {}),
      },
      areq.responseType === "token",
    ),
  );
}

export async function beginFederation(
  services: Services,
  pool: PoolRecord,
  d: DomainRequest,
  areq: AuthorizeRequest,
  res: ServerResponse,
): Promise<void> {
  const provider = areq.provider ? await findProvider(services.store, pool.id, areq.provider) : null;
  if (provider?.ProviderType !== "OIDC")
    return failBack(res, areq, "Only OIDC identity providers are supported here");
  let ep: Endpoints;
  try {
    ep = await endpointsOf(provider);
  } catch (e) {
    services.log.warn({ err: e, provider: provider.ProviderName }, "identity provider discovery failed");
    return failBack(res, areq, `${provider.ProviderName} Error - discovery failed`);
  }
  const state = randomBytes(32).toString("base64url");
  const nonce = randomBytes(16).toString("base64url");
  const carry = Object.fromEntries(d.url.searchParams);
  const id = pendingId(services, state);
  const pending: Pending = { provider: provider.ProviderName, nonce, carry };
  const now = services.clock.now();
  await services.store.sessions.put({
    id,
    poolId: pool.id,
    data: services.box.seal(JSON.stringify(pending), id),
    expiresAt: now + PENDING_TTL_MS,
    usedAt: null,
  });
  const q = new URLSearchParams({
    response_type: "code",
    client_id: provider.ProviderDetails.client_id ?? "",
    redirect_uri: idpResponseUrl(services, d),
    scope: provider.ProviderDetails.authorize_scopes ?? "openid",
    state,
    nonce,
  });
  redirect(res, `${ep.authorize}${ep.authorize.includes("?") ? "&" : "?"}${q}`);
}

export async function finishFederation(
  services: Services,
  pool: PoolRecord,
  d: DomainRequest,
  _req: IncomingMessage,
  res: ServerResponse,
  complete: (areq: AuthorizeRequest, user: UserRecord, authTime: number) => Promise<void>,
): Promise<void> {
  const q = d.url.searchParams;
  const state = q.get("state") ?? "";
  const now = services.clock.now();
  const id = pendingId(services, state);
  const row = state ? await services.store.sessions.consume(id, now) : null;
  const plain =
    row && row.poolId === pool.id && row.usedAt === null && now < row.expiresAt
      ? services.box.openString(row.data, id)
      : null;
  if (plain === null)
    return sendHtml(
      res,
      400,
      errorPage("The sign-in with the identity provider expired or was already used."),
    );
  const pending = JSON.parse(plain) as Pending;
  const areq = await checkAuthorize(services.store, pool, (n) => pending.carry[n]);
  if (isProblem(areq)) return sendHtml(res, 400, errorPage("The sign-in request is no longer valid."));
  const provider = await findProvider(services.store, pool.id, pending.provider);
  if (!provider) return failBack(res, areq, "The identity provider no longer exists");
  const code = q.get("code");
  if (!code) return failBack(res, areq, `${provider.ProviderName} Error - ${q.get("error") ?? "no code"}`);

  let claims: Record<string, unknown>;
  try {
    const ep = await endpointsOf(provider);
    const details = provider.ProviderDetails;
    const form = new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: idpResponseUrl(services, d),
      client_id: details.client_id ?? "",
      ...(details.client_secret ? { client_secret: details.client_secret } : {}),
    });
    const tr = await fetch(ep.token, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: form,
      signal: AbortSignal.timeout(5_000),
    });
    if (!tr.ok)
      return failBack(res, areq, `${provider.ProviderName} Error - ${tr.status} error getting token`);
    const tokens = (await tr.json()) as { id_token?: string; access_token?: string };
    if (!tokens.id_token) return failBack(res, areq, `${provider.ProviderName} Error - no id_token`);
    const { payload } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(ep.jwks)), {
      audience: details.client_id ?? "",
      ...(ep.issuer ? { issuer: ep.issuer } : {}),
    });
    if (payload.nonce !== undefined && payload.nonce !== pending.nonce)
      return failBack(res, areq, "Invalid nonce");
    claims = { ...payload };
    if (ep.userinfo && tokens.access_token) {
      const post = details.attributes_request_method === "POST";
      const ui = await fetch(ep.userinfo, {
        method: post ? "POST" : "GET",
        headers: { Authorization: `Bearer ${tokens.access_token}` },
        signal: AbortSignal.timeout(5_000),
      });
      if (ui.ok) {
        const extra = (await ui.json()) as Record<string, unknown>;
        // The ID token's subject stands; the rest of userInfo fills in attributes.
        claims = { ...extra, ...claims };
      }
    }
  } catch (e) {
    services.log.warn({ err: e, provider: provider.ProviderName }, "identity provider sign-in failed");
    return failBack(
      res,
      areq,
      `${provider.ProviderName} Error - the provider's answer could not be verified`,
    );
  }
  const user = await federatedSignIn(services, pool, provider, claims);
  if (!user?.enabled) return failBack(res, areq, "User is disabled");
  return complete(areq, user, now);
}
