import type { ClientRecord, PoolRecord, Store } from "../../storage/ports.ts";
import { type ClientConfig, clientConfig } from "../pools/client.ts";
import { COGNITO_PROVIDER } from "./client-oauth.ts";
import { findProvider, providerByIdentifier } from "./providers.ts";
import { grantedScopes, splitScopes } from "./scopes.ts";

/**
 * `GET /oauth2/authorize` and `/login` parameters, checked as Cognito's authorize endpoint checks them
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html;
 * docs/oauth.md#authorize). Until the client and redirect_uri are known good nothing redirects: an
 * error page is shown instead, so the endpoint cannot send a browser to an arbitrary site.
 */
export interface AuthorizeRequest {
  pool: PoolRecord;
  client: ClientRecord;
  config: ClientConfig;
  responseType: "code" | "token";
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  challenge?: { value: string; method: "S256" | "plain" };
  /** An external provider to send the user to (identity_provider or idp_identifier), or none. */
  provider?: string;
}

export type AuthorizeProblem =
  | { kind: "page"; reason: "client" | "redirect_uri" }
  | { kind: "redirect"; redirectUri: string; error: string; state?: string; fragment: boolean };

const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

/** The authorize parameters named in docs/oauth.md#authorize; the rest are ignored. */
export const AUTHORIZE_PARAMS = [
  "response_type",
  "client_id",
  "redirect_uri",
  "state",
  "scope",
  "nonce",
  "code_challenge",
  "code_challenge_method",
  "identity_provider",
  "idp_identifier",
  "lang",
  "login_hint",
] as const;

export function isProblem(x: AuthorizeRequest | AuthorizeProblem): x is AuthorizeProblem {
  return "kind" in x;
}

export async function checkAuthorize(
  store: Store,
  pool: PoolRecord,
  q: (name: string) => string | undefined,
): Promise<AuthorizeRequest | AuthorizeProblem> {
  const clientId = q("client_id") ?? "";
  const client =
    clientId.length > 0 && clientId.length <= 128 ? await store.clients.get(pool.id, clientId) : null;
  if (!client) return { kind: "page", reason: "client" };
  const config = clientConfig(client);
  const redirectUri = q("redirect_uri") ?? "";
  if (!(config.CallbackURLs ?? []).includes(redirectUri)) return { kind: "page", reason: "redirect_uri" };

  const state = q("state");
  const type = q("response_type");
  const fail = (error: string): AuthorizeProblem => ({
    kind: "redirect",
    redirectUri,
    error,
    ...(state !== undefined ? { state } : {}),
    fragment: type === "token",
  });
  if (type === undefined || type === "") return fail("invalid_request");
  if (type !== "code" && type !== "token") return fail("unsupported_response_type");
  const flow = type === "code" ? "code" : "implicit";
  if (!config.AllowedOAuthFlowsUserPoolClient || !(config.AllowedOAuthFlows ?? []).includes(flow))
    return fail("unauthorized_client");

  let challenge: AuthorizeRequest["challenge"];
  const value = q("code_challenge");
  const method = q("code_challenge_method");
  if (value !== undefined) {
    // RFC 7636 §4.3: without a method the challenge is `plain`.
    const m = method ?? "plain";
    if ((m !== "S256" && m !== "plain") || !PKCE_VALUE.test(value)) return fail("invalid_request");
    challenge = { value, method: m };
  } else if (method !== undefined) return fail("invalid_request");

  const requested = splitScopes(q("scope"));
  const scopes = grantedScopes(requested, config.AllowedOAuthScopes ?? []);
  if (scopes.length === 0) return fail("invalid_scope");

  let provider: string | undefined;
  const supported = config.SupportedIdentityProviders ?? [];
  const named = q("identity_provider");
  const identifier = q("idp_identifier");
  if (named !== undefined && named !== COGNITO_PROVIDER) {
    if (!supported.includes(named) || !(await findProvider(store, pool.id, named)))
      return fail("invalid_request");
    provider = named;
  } else if (named === undefined && identifier !== undefined) {
    try {
      const p = await providerByIdentifier(store, pool.id, identifier);
      if (!supported.includes(p.ProviderName)) return fail("invalid_request");
      provider = p.ProviderName;
    } catch {
      return fail("invalid_request");
    }
  } else if (named === COGNITO_PROVIDER && supported.length > 0 && !supported.includes(COGNITO_PROVIDER))
    return fail("invalid_request");

  const nonce = q("nonce");
  return {
    pool,
    client,
    config,
    responseType: type,
    redirectUri,
    scopes,
    ...(state !== undefined ? { state } : {}),
    ...(nonce !== undefined ? { nonce } : {}),
    ...(challenge ? { challenge } : {}),
    ...(provider !== undefined ? { provider } : {}),
  };
}

/** The URL of a redirect back to the client: query for codes and errors, fragment for implicit tokens. */
export function redirectTo(redirectUri: string, params: Record<string, string>, fragment: boolean): string {
  const body = new URLSearchParams(params).toString();
  if (fragment) return `${redirectUri}#${body}`;
  return `${redirectUri}${redirectUri.includes("?") ? "&" : "?"}${body}`;
}
