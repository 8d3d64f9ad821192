/**
 * The error catalogue. Every error that leaves the server is a CognitoError whose `type` is one of
 * Cognito's exception names (../../docs/errors.md) and whose message is Cognito's exact text.
 * Causes never go on the wire: they go to the log with the request id.
 */
export const EXCEPTION_NAMES = [
  "AliasExistsException",
  "CodeDeliveryFailureException",
  "CodeMismatchException",
  "ConcurrentModificationException",
  "ExpiredCodeException",
  "ForbiddenException",
  "InternalErrorException",
  "InvalidLambdaResponseException",
  "InvalidParameterException",
  "InvalidPasswordException",
  "InvalidUserPoolConfigurationException",
  "LimitExceededException",
  "NotAuthorizedException",
  "OperationNotEnabledException",
  "PasswordHistoryPolicyViolationException",
  "PasswordResetRequiredException",
  "PreconditionNotMetException",
  "RefreshTokenReuseException",
  "ResourceNotFoundException",
  "TooManyFailedAttemptsException",
  "TooManyRequestsException",
  "UnauthorizedException",
  "UnexpectedLambdaException",
  "UnsupportedOperationException",
  "UnsupportedTokenTypeException",
  "UnsupportedUserStateException",
  "UserLambdaValidationException",
  "UserNotConfirmedException",
  "UserNotFoundException",
  "UsernameExistsException",
  // Protocol-level names that every AWS JSON service uses.
  "UnknownOperationException",
  "SerializationException",
] as const;

export type ExceptionName = (typeof EXCEPTION_NAMES)[number];

export class CognitoError extends Error {
  readonly type: ExceptionName;
  readonly status: number;
  constructor(type: ExceptionName, message: string, status = type === "InternalErrorException" ? 500 : 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

const make = (type: ExceptionName, message: string): CognitoError => new CognitoError(type, message);

/** Named constructors for the messages used in more than one place (spec A.0). */
export const errors = {
  invalidParameter: (message: string) => make("InvalidParameterException", message),
  notAuthorized: (message: string) => make("NotAuthorizedException", message),
  poolNotFound: (poolId: string) => make("ResourceNotFoundException", `User pool ${poolId} does not exist.`),
  clientNotFound: (clientId: string) =>
    make("ResourceNotFoundException", `User pool client ${clientId} does not exist.`),
  userNotFound: () => make("UserNotFoundException", "User does not exist."),
  usernameClientNotFound: () => make("UserNotFoundException", "Username/client id combination not found."),
  incorrectCredentials: () => make("NotAuthorizedException", "Incorrect username or password."),
  userDisabled: () => make("NotAuthorizedException", "User is disabled."),
  userNotConfirmed: () => make("UserNotConfirmedException", "User is not confirmed."),
  codeMismatch: () => make("CodeMismatchException", "Invalid verification code provided, please try again."),
  expiredCode: () => make("ExpiredCodeException", "Invalid code provided, please request a code again."),
  attemptLimit: () => make("LimitExceededException", "Attempt limit exceeded, please try after some time."),
  secretMissing: (clientId: string) =>
    make("NotAuthorizedException", `Client ${clientId} is configured for secret but secret was not received`),
  secretMismatch: (clientId: string) =>
    make("NotAuthorizedException", `Unable to verify secret hash for client ${clientId}`),
  unknownOperation: () => new CognitoError("UnknownOperationException", ""),
  serialization: (message: string, status = 400) =>
    new CognitoError("SerializationException", message, status),
  internal: () => make("InternalErrorException", "An internal error occurred."),
};
