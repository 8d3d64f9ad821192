import type { Store } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import type { ClientConfig } from "../pools/client.ts";
import { providerNames } from "./providers.ts";
import { customScopesOf } from "./resource-servers.ts";
import { isCustomScope } from "./scopes.ts";

/** Cognito's own user directory in SupportedIdentityProviders. */
export const COGNITO_PROVIDER = "COGNITO";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * A callback or sign-out URL as Cognito accepts it (AWS API reference, CreateUserPoolClient
 * CallbackURLs): absolute, no fragment, HTTPS except for http://localhost, http://127.0.0.1 and
 * http://[::1]; app schemes such as `myapp://callback` are allowed.
 */
export function acceptableRedirectUrl(text: string): boolean {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return false;
  }
  if (u.hash !== "" || text.includes("#")) return false;
  if (u.protocol === "http:") return LOOPBACK_HOSTS.has(u.hostname);
  if (u.protocol === "https:") return u.hostname !== "";
  return u.protocol.length > 2; // a custom scheme
}

/**
 * Create/UpdateUserPoolClient: the OAuth settings checked as Cognito checks them (docs/oauth.md#app-client-settings).
 * Runs after the plain shape checks; reads the pool's resource servers and identity providers.
 */
export async function checkClientOAuth(
  store: Store,
  poolId: string,
  c: ClientConfig,
  hasSecret: boolean,
): Promise<void> {
  for (const url of [...(c.CallbackURLs ?? []), ...(c.LogoutURLs ?? [])])
    if (!acceptableRedirectUrl(url)) throw errors.invalidCallbackUrl(url);
  if (c.DefaultRedirectURI !== undefined && !(c.CallbackURLs ?? []).includes(c.DefaultRedirectURI))
    throw errors.defaultRedirectNotCallback();

  const scopes = c.AllowedOAuthScopes ?? [];
  const custom = scopes.filter(isCustomScope);
  if (custom.length > 0) {
    const known = await customScopesOf(store, poolId);
    for (const s of custom) if (!known.has(s)) throw errors.scopeDoesNotExist(s);
  }

  const flows = c.AllowedOAuthFlows ?? [];
  if (flows.includes("client_credentials")) {
    if (flows.length > 1) throw errors.clientCredentialsAlone();
    if (!hasSecret) throw errors.clientCredentialsNeedsSecret();
    if (c.AllowedOAuthFlowsUserPoolClient && scopes.some((s) => !isCustomScope(s)))
      throw errors.clientCredentialsScopes();
  }
  if (c.AllowedOAuthFlowsUserPoolClient) {
    if (flows.length === 0) throw errors.oauthFlowsRequired();
    if ((flows.includes("code") || flows.includes("implicit")) && (c.CallbackURLs ?? []).length === 0)
      throw errors.callbackUrlsRequired();
  }

  const named = (c.SupportedIdentityProviders ?? []).filter((p) => p !== COGNITO_PROVIDER);
  if (named.length > 0) {
    const known = await providerNames(store, poolId);
    for (const p of named) if (!known.has(p)) throw errors.providerNotInPool(p, poolId);
  }
}
