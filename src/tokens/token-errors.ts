import { CognitoError, errors } from "../domain/errors/index.ts";

export type TokenKind = "access" | "refresh";
export type TokenRejectionReason = "invalid" | "expired" | "revoked";

/** Cognito's answer per token kind and reason (wording in src/domain/errors/tokens.ts). */
const WIRE: Record<TokenKind, Record<TokenRejectionReason, () => CognitoError>> = {
  access: {
    invalid: errors.invalidAccessToken,
    expired: errors.accessTokenExpired,
    revoked: errors.accessTokenRevoked,
  },
  refresh: {
    invalid: errors.invalidRefreshToken,
    expired: errors.refreshTokenExpired,
    revoked: errors.refreshTokenRevoked,
  },
};

/**
 * A rejected token: a NotAuthorizedException with Cognito's message, plus a typed reason and a
 * private `detail` (wrong pool, bad signature, …) for the log only — it never goes on the wire.
 */
export class TokenError extends CognitoError {
  readonly kind: TokenKind;
  readonly reason: TokenRejectionReason;
  readonly detail: string;
  constructor(kind: TokenKind, reason: TokenRejectionReason, detail: string) {
    const wire = WIRE[kind][reason]();
    super(wire.type, wire.message, wire.status);
    this.kind = kind;
    this.reason = reason;
    this.detail = detail;
  }
}
