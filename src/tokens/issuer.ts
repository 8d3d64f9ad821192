/**
 * `iss` is `<base URL>/<userPoolId>`, like Cognito's `https://cognito-idp.<region>.amazonaws.com/<poolId>`
 * [docs/tokens.md#what-the-tokens-contain]. Access tokens name their pool only there, so token-authorised operations (GetUser,
 * GlobalSignOut, …) find the pool from the last path segment.
 */
const POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/; // [docs/wire-protocol.md], same check as amazon-cognito-identity-js

export function issuerFor(baseUrl: string, poolId: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/${poolId}`;
}

/** The pool id at the end of an issuer URL, or null when it does not end in a pool id. */
export function poolIdFromIssuer(issuer: string): string | null {
  const last = issuer.slice(issuer.lastIndexOf("/") + 1);
  return issuer.includes("/") && POOL_ID.test(last) ? last : null;
}
