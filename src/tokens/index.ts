/** Tokens: keys, minting, verification and discovery documents (docs/tokens.md). */
export type { ClaimOverride, Claims, ClaimValue } from "./claims.ts";
export { type Jwk, jwks, type OAuthEndpoints, openIdConfiguration } from "./discovery.ts";
export { issuerFor, poolIdFromIssuer } from "./issuer.ts";
export type { KeyUse } from "./keyring.ts";
export {
  type AuthenticationResult,
  atHash,
  type MintInput,
  type MintResult,
  mintClientCredentials,
  mintTokens,
  NATIVE_SCOPE,
} from "./mint.ts";
export { checkRefresh, openRefreshToken } from "./refresh-token.ts";
export { TokenError, type TokenKind, type TokenRejectionReason } from "./token-errors.ts";
export {
  type LoadedKey,
  rotateTokenKeys,
  TOKEN_KEYS_NAME,
  TokenKeys,
  type TokenKeysOptions,
} from "./token-keys.ts";
export { type AccessTokenInfo, assertNotSignedOut, verifyAccessToken } from "./verify.ts";
