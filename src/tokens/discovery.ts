import type { TokenKeys } from "./token-keys.ts";

/** A type alias (not an interface) so it is assignable to JSON-object types such as aws-jwt-verify's Jwks. */
export type Jwk = {
  kid: string;
  alg: "RS256";
  kty: "RSA";
  e: string;
  n: string;
  use: "sig";
};

/**
 * `GET /<poolId>/.well-known/jwks.json`: the public ID and access signing keys, current ones first,
 * then retired ones still needed to verify unexpired tokens. Members in Cognito's order [docs/tokens.md#token-format].
 * The keys are the server's (one set for every pool; docs/tokens.md), so the pool id is not needed
 * here — the route decides whether the pool exists.
 */
export async function jwks(keys: TokenKeys): Promise<{ keys: Jwk[] }> {
  const [id, access] = await Promise.all([keys.all("id"), keys.all("access")]);
  const current = [...id, ...access].filter((k) => k.retiredAt === null);
  const retired = [...id, ...access].filter((k) => k.retiredAt !== null);
  return {
    keys: [...current, ...retired].map((k) => ({
      kid: k.kid,
      alg: "RS256",
      kty: "RSA",
      e: k.publicJwk.e,
      n: k.publicJwk.n,
      use: "sig",
    })),
  };
}

/** Endpoints hushpool may add later (hosted UI / OAuth); omitted from the document until they exist. */
export interface OAuthEndpoints {
  authorization_endpoint?: string;
  token_endpoint?: string;
  userinfo_endpoint?: string;
  revocation_endpoint?: string;
  end_session_endpoint?: string;
}

/**
 * `GET /<poolId>/.well-known/openid-configuration`: enough for libraries that discover the JWKS
 * from the issuer (jose's createRemoteJWKSet users, openid-client). The OAuth endpoints are listed
 * when the pool has a domain (docs/oauth.md#discovery).
 */
export function openIdConfiguration(issuer: string, endpoints: OAuthEndpoints = {}): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    ...endpoints,
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "token"],
    subject_types_supported: ["public"],
    scopes_supported: ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    claims_supported: [
      "sub",
      "iss",
      "aud",
      "exp",
      "iat",
      "auth_time",
      "jti",
      "origin_jti",
      "event_id",
      "token_use",
      "cognito:username",
      "cognito:groups",
      "email",
      "email_verified",
      "phone_number",
      "phone_number_verified",
    ],
  };
}
