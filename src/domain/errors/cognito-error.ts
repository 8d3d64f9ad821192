/**
 * The error type. Every error that leaves the server is a CognitoError whose `type` is one of
 * Cognito's exception names (the "Errors" section of each operation in the Amazon Cognito API
 * Reference) and whose message is Cognito's exact text. Causes never go on the wire: they go to the
 * log with the request id. Errors are made only by the named constructors of ./catalogue.ts.
 */
export const EXCEPTION_NAMES = [
  "AliasExistsException",
  "CodeDeliveryFailureException",
  "CodeMismatchException",
  "DuplicateProviderException",
  "ConcurrentModificationException",
  "DeviceKeyExistsException",
  "EnableSoftwareTokenMFAException",
  "ExpiredCodeException",
  "FeatureUnavailableInTierException",
  "ForbiddenException",
  "GroupExistsException",
  "InternalErrorException",
  "InvalidLambdaResponseException",
  "InvalidOAuthFlowException",
  "InvalidParameterException",
  "InvalidPasswordException",
  "InvalidUserPoolConfigurationException",
  "LimitExceededException",
  "MFAMethodNotFoundException",
  "NotAuthorizedException",
  "OperationNotEnabledException",
  "PasswordHistoryPolicyViolationException",
  "PasswordResetRequiredException",
  "PreconditionNotMetException",
  "RefreshTokenReuseException",
  "ResourceNotFoundException",
  "SoftwareTokenMFANotFoundException",
  "ScopeDoesNotExistException",
  "TooManyFailedAttemptsException",
  "TooManyRequestsException",
  "UnauthorizedException",
  "UnexpectedLambdaException",
  "UnsupportedIdentityProviderException",
  "UnsupportedOperationException",
  "UnsupportedTokenTypeException",
  "UnsupportedUserStateException",
  "UserLambdaValidationException",
  "UserNotConfirmedException",
  "UserNotFoundException",
  "UserPoolAddOnNotEnabledException",
  "UsernameExistsException",
  "WebAuthnChallengeNotFoundException",
  "WebAuthnClientMismatchException",
  "WebAuthnConfigurationMissingException",
  "WebAuthnCredentialNotSupportedException",
  "WebAuthnNotEnabledException",
  "WebAuthnOriginNotAllowedException",
  "WebAuthnRelyingPartyMismatchException",
  // Protocol-level names that every AWS JSON service uses.
  "UnknownOperationException",
  "SerializationException",
  // Request authentication of the IAM-signed operations (./access.ts), as every AWS JSON service sends them.
  "AccessDeniedException",
  "IncompleteSignatureException",
  "InvalidSignatureException",
  "MissingAuthenticationTokenException",
  "UnrecognizedClientException",
] as const;

export type ExceptionName = (typeof EXCEPTION_NAMES)[number];

export class CognitoError extends Error {
  readonly type: ExceptionName;
  readonly status: number;
  constructor(type: ExceptionName, message: string, status = type === "InternalErrorException" ? 500 : 400) {
    // A 4xx is an answer, not a fault: nothing logs its stack (the request log names its type), and
    // capturing one was ~1.3 % of a refused sign-in's profile (docs/performance.md#the-last-quiet-run-every-merge).
    // Every path that refuses makes the same error, so real and unknown names still do equal work.
    const limit = Error.stackTraceLimit;
    if (status < 500) Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.type = type;
    this.status = status;
  }
}

/** For the catalogue files only: one error of `type` with `message`. */
export const make = (type: ExceptionName, message: string, status?: number): CognitoError =>
  new CognitoError(type, message, status);
