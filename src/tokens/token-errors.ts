import { CognitoError } from "../domain/errors/catalogue.ts";

export type TokenKind = "access" | "refresh";
export type TokenRejectionReason = "invalid" | "expired" | "revoked";

/** Cognito's wire messages per token kind and reason [spec A.0]. */
const MESSAGES: Record<TokenKind, Record<TokenRejectionReason, string>> = {
  access: {
    invalid: "Invalid Access Token",
    expired: "Access Token has expired",
    revoked: "Access Token has been revoked",
  },
  refresh: {
    invalid: "Invalid Refresh Token",
    expired: "Refresh Token has expired",
    revoked: "Refresh Token has been revoked",
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
    super("NotAuthorizedException", MESSAGES[kind][reason]);
    this.kind = kind;
    this.reason = reason;
    this.detail = detail;
  }
}
