import { make } from "./cognito-error.ts";

/** Tokens: rejected access and refresh tokens, scopes, and RevokeToken (docs/tokens.md). */
export const tokenErrors = {
  invalidAccessToken: () => make("NotAuthorizedException", "Invalid Access Token"),
  accessTokenExpired: () => make("NotAuthorizedException", "Access Token has expired"),
  accessTokenRevoked: () => make("NotAuthorizedException", "Access Token has been revoked"),
  invalidRefreshToken: () => make("NotAuthorizedException", "Invalid Refresh Token"),
  refreshTokenExpired: () => make("NotAuthorizedException", "Refresh Token has expired"),
  refreshTokenRevoked: () => make("NotAuthorizedException", "Refresh Token has been revoked"),
  /**
   * A refresh token rotated out by GetTokensFromRefreshToken, used after its grace period
   * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
   * names the exception; the wording is ours, docs/tokens.md#refresh-token-rotation).
   */
  refreshTokenReused: () =>
    make("RefreshTokenReuseException", "Refresh token has been invalidated by refresh token rotation."),
  /** An access token without aws.cognito.signin.user.admin calling a user self-service API. */
  missingScopes: () => make("NotAuthorizedException", "Access Token does not have required scopes"),

  /** RevokeToken (wordings inferred; docs/authentication.md). */
  tokenRevocationDisabled: () =>
    make("UnsupportedOperationException", "Token revocation is not enabled for this app client."),
  unsupportedTokenType: () =>
    make("UnsupportedTokenTypeException", "Unsupported token type. Only refresh tokens can be revoked."),
  /** A refresh token revoked by a client other than the one it was issued to. */
  unauthorizedClient: () => make("UnauthorizedException", "Unauthorized"),
};
