import { errors } from "../domain/errors/index.ts";
import { domainOf, domainUrl } from "../domain/oauth/domains.ts";
import { domainLocation } from "../operations/oauth-location.ts";
import { issuerFor, jwks, openIdConfiguration } from "../tokens/index.ts";
import type { Route } from "./routes.ts";

/**
 * Discovery (docs/tokens.md#token-format): `GET /<poolId>/.well-known/jwks.json` and `/<poolId>/.well-known/openid-configuration`.
 * The issuer is `<issuer base URL>/<poolId>` — the same value the tokens carry in `iss` — so
 * aws-jwt-verify (which derives `<iss>/.well-known/jwks.json`) and OIDC libraries find the keys.
 * An unknown pool is a 404 with Cognito's ResourceNotFoundException body.
 */
const POOL = "([\\w-]+_[0-9a-zA-Z]+)";

export const jwksRoute: Route = {
  method: "GET",
  name: "/{poolId}/.well-known/jwks.json",
  path: new RegExp(`^/${POOL}/\\.well-known/jwks\\.json$`),
  async handle(m, _url, services) {
    const poolId = m[1] ?? "";
    if (!(await services.store.pools.get(poolId))) return notFound(poolId);
    return { status: 200, body: await jwks(services.tokenKeys) };
  },
};

export const openIdConfigurationRoute: Route = {
  method: "GET",
  name: "/{poolId}/.well-known/openid-configuration",
  path: new RegExp(`^/${POOL}/\\.well-known/openid-configuration$`),
  async handle(m, _url, services) {
    const poolId = m[1] ?? "";
    if (!(await services.store.pools.get(poolId))) return notFound(poolId);
    const domain = await domainOf(services.store, poolId);
    const issuer = issuerFor(services.config.issuerBaseUrl, poolId);
    if (!domain) return { status: 200, body: openIdConfiguration(issuer) };
    // The pool's domain serves the OAuth endpoints; the URL named is the one DescribeUserPoolDomain names (docs/oauth.md#discovery).
    const base = domainUrl(domainLocation(services.config), domain.domain);
    return {
      status: 200,
      body: openIdConfiguration(issuer, {
        authorization_endpoint: `${base}/oauth2/authorize`,
        token_endpoint: `${base}/oauth2/token`,
        userinfo_endpoint: `${base}/oauth2/userInfo`,
        revocation_endpoint: `${base}/oauth2/revoke`,
        end_session_endpoint: `${base}/logout`,
      }),
    };
  },
};

function notFound(poolId: string): { status: number; body: unknown } {
  const e = errors.poolNotFound(poolId);
  return { status: 404, body: { __type: e.type, message: e.message } };
}
