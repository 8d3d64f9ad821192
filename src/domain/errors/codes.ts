import { make } from "./cognito-error.ts";

/**
 * Codes: confirmation of sign-up, password recovery and attribute verification (the Errors sections
 * of ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword, VerifyUserAttribute
 * and GetUserAttributeVerificationCode; docs/existence.md for which answer each state gets).
 */
export const codeErrors = {
  codeMismatch: () => make("CodeMismatchException", "Invalid verification code provided, please try again."),
  expiredCode: () => make("ExpiredCodeException", "Invalid code provided, please request a code again."),
  attemptLimit: () => make("LimitExceededException", "Attempt limit exceeded, please try after some time."),

  /** ConfirmSignUp / AdminConfirmSignUp for a user that is not UNCONFIRMED. */
  cannotConfirm: (status: string) =>
    make("NotAuthorizedException", `User cannot be confirmed. Current status is ${status}`),
  /** ResendConfirmationCode for a user that is past confirmation. */
  alreadyConfirmed: () => make("InvalidParameterException", "User is already confirmed."),
  /** ResendConfirmationCode with no AutoVerifiedAttributes (pool) or none of them on the user. */
  cannotResendCodes: () =>
    make("NotAuthorizedException", "Cannot resend codes. Auto verification not turned on."),

  /** ForgotPassword in a pool whose AccountRecoverySetting is admin_only. */
  recoveryAdminOnly: () => make("NotAuthorizedException", "Contact administrator to reset password."),
  /** ForgotPassword for a user without a verified contact the recovery settings allow. */
  noVerifiedContact: () =>
    make(
      "InvalidParameterException",
      "Cannot reset password for the user as there is no registered/verified email or phone_number",
    ),
  /** ForgotPassword / AdminResetUserPassword for a FORCE_CHANGE_PASSWORD user. */
  cannotResetPassword: () =>
    make("NotAuthorizedException", "User password cannot be reset in the current state."),

  /** VerifyUserAttribute / GetUserAttributeVerificationCode for an attribute that has no code. */
  cannotVerifyAttribute: (name: string) =>
    make("InvalidParameterException", `Invalid attribute name: ${name} cannot be verified.`),
};
