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
  /** An accepted flow this server does not implement (docs/authentication.md). */
  flowNotSupported: (flow: string) =>
    make("UnsupportedOperationException", `${flow} is not supported by this server.`),
  invalidSrpA: () => make("InvalidParameterException", "Invalid SRP_A value."),
  customAuthNotConfigured: () =>
    make("InvalidParameterException", "Custom auth lambda trigger is not configured for the user pool."),

  /**
   * USER_AUTH (docs/authentication.md#choice-based-sign-in-user_auth): a wrong EMAIL_OTP / SMS_OTP
   * code, and any code for a simulated challenge (Cognito's wording, observed).
   */
  otpMismatch: () => make("CodeMismatchException", "Invalid code or auth state for the user."),
  /** SELECT_CHALLENGE answered with a challenge that was not offered, or an unknown PREFERRED_CHALLENGE (inferred wording). */
  challengeNotAvailable: (name: string) =>
    make("InvalidParameterException", `The challenge ${name} is not available for this user.`),

  /**
   * Passkeys (docs/passkeys.md). Cognito documents the situations (the API reference's exception
   * pages) but not the messages; these are those pages' sentences (decision).
   */
  webAuthnNotEnabled: () =>
    make("WebAuthnNotEnabledException", "The passkey feature isn't enabled for the user pool."),
  webAuthnConfigurationMissing: () =>
    make(
      "WebAuthnConfigurationMissingException",
      "The user pool doesn't have a configured relying party id or a user pool domain.",
    ),
  webAuthnChallengeNotFound: () =>
    make(
      "WebAuthnChallengeNotFoundException",
      "The challenge from StartWebAuthnRegistration has expired or was not found.",
    ),
  webAuthnClientMismatch: () =>
    make(
      "WebAuthnClientMismatchException",
      "The access token is for a different client than the one that started the registration.",
    ),
  webAuthnRelyingPartyMismatch: () =>
    make(
      "WebAuthnRelyingPartyMismatchException",
      "The passkey's relying party ID doesn't match the user pool's.",
    ),
  webAuthnOriginNotAllowed: () =>
    make("WebAuthnOriginNotAllowedException", "The passkey's origin isn't allowed for the relying party ID."),
  webAuthnCredentialNotSupported: () =>
    make("WebAuthnCredentialNotSupportedException", "The passkey credential isn't supported."),
  /** StartWebAuthnRegistration for a user with the most passkeys allowed (inferred wording). */
  passkeyLimit: () =>
    make("LimitExceededException", "The user has reached the maximum number of registered passkeys."),
  /** DeleteWebAuthnCredential for an id the user does not have (inferred wording). */
  webAuthnCredentialNotFound: () => make("ResourceNotFoundException", "Credential not found."),

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
