import { make } from "./cognito-error.ts";

/**
 * Sign-in: InitiateAuth, RespondToAuthChallenge and their Admin twins (the API reference's Errors
 * sections; wordings as Cognito answers them, docs/authentication.md).
 */
export const signInErrors = {
  incorrectCredentials: () => make("NotAuthorizedException", "Incorrect username or password."),
  userDisabled: () => make("NotAuthorizedException", "User is disabled."),
  userNotConfirmed: () => make("UserNotConfirmedException", "User is not confirmed."),
  passwordResetRequired: () => make("PasswordResetRequiredException", "Password reset required for the user"),
  /** FORCE_CHANGE_PASSWORD past TemporaryPasswordValidityDays. */
  temporaryPasswordExpired: () =>
    make("NotAuthorizedException", "Temporary password has expired and must be reset by an administrator."),
  /** The lockout after repeated wrong passwords. */
  passwordAttemptsExceeded: () => make("NotAuthorizedException", "Password attempts exceeded"),

  invalidSession: () => make("NotAuthorizedException", "Invalid session for the user."),
  expiredSession: () => make("NotAuthorizedException", "Invalid session for the user, session is expired."),
  usedSession: () =>
    make("NotAuthorizedException", "Invalid session for the user, session can only be used once."),

  /** AuthParameters / ChallengeResponses without a member the flow needs. */
  missingParameter: (name: string) => make("InvalidParameterException", `Missing required parameter ${name}`),
  /** An AuthFlow the API does not accept at all. */
  authMethodNotSupported: () => make("InvalidParameterException", "Initiate Auth method not supported."),
  /** USER_PASSWORD_AUTH names itself when the client does not allow it. */
  userPasswordAuthNotEnabled: () =>
    make("InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client"),
  /** Any other flow the client does not allow (also GetTokensFromRefreshToken without refresh). */
  authFlowNotEnabled: () => make("InvalidParameterException", "Auth flow not enabled for this client"),
  /** An accepted flow this server does not implement (USER_AUTH; docs/authentication.md). */
  flowNotSupported: (flow: string) =>
    make("UnsupportedOperationException", `${flow} is not supported by this server.`),
  invalidSrpA: () => make("InvalidParameterException", "Invalid SRP_A value."),
  customAuthNotConfigured: () =>
    make("InvalidParameterException", "Custom auth lambda trigger is not configured for the user pool."),

  /** NEW_PASSWORD_REQUIRED: a userAttributes.<name> that the user already has. */
  attributeAlreadyProvided: (name: string) =>
    make("NotAuthorizedException", `Cannot modify an already provided ${name}`),
  /** A client with WriteAttributes writing another attribute. */
  unauthorizedAttributeWrite: () =>
    make("NotAuthorizedException", "A client attempted to write unauthorized attribute"),

  /** SECRET_HASH / ClientSecret (docs/authentication.md). */
  secretMissing: (clientId: string) =>
    make("NotAuthorizedException", `Client ${clientId} is configured for secret but secret was not received`),
  secretMismatch: (clientId: string) =>
    make("NotAuthorizedException", `Unable to verify secret hash for client ${clientId}`),
};
