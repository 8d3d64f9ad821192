import { make } from "./cognito-error.ts";

/**
 * MFA and remembered devices (docs/mfa.md). Texts that real Cognito answers were read from public
 * captures; the ones marked "decision" have no public capture and are documented in docs/mfa.md.
 */
export const mfaErrors = {
  /** A wrong SMS, email or TOTP code at an MFA challenge (real capture). */
  mfaCodeMismatch: () => make("CodeMismatchException", "Invalid code received for user"),
  /** A TOTP code (or an older one) that was accepted before (real capture). */
  totpReused: () => make("ExpiredCodeException", "Your software token has already been used once."),
  /** VerifySoftwareToken with a wrong code (real capture). */
  totpEnableMismatch: () =>
    make("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA"),
  /** Associate/Verify in a pool without software-token MFA (AWS developer guide, TOTP MFA). */
  totpNotEnabledInPool: () =>
    make("SoftwareTokenMFANotFoundException", "Software Token MFA has not been enabled by the userPool"),
  /** VerifySoftwareToken with nothing associated (decision). */
  totpNotAssociated: () =>
    make("SoftwareTokenMFANotFoundException", "Software Token MFA has not been associated with the user"),
  /** SetUserMFAPreference enabling TOTP after AssociateSoftwareToken but before VerifySoftwareToken. */
  totpNotVerified: () => make("InvalidParameterException", "User has not verified software token mfa"),
  /** SetUserMFAPreference enabling TOTP that was never associated. */
  totpNotSetUp: () => make("InvalidParameterException", "User has not set up software token mfa"),
  /** SetUserMFAPreference / SetUserSettings enabling SMS or email without the attribute (decision). */
  noDeliveryConfig: (factor: string) =>
    make("InvalidParameterException", `User does not have delivery config set to turn on ${factor}`),
  /** PreferredMfa true with Enabled false (decision). */
  preferredNotEnabled: () =>
    make("InvalidParameterException", "The MFA method must be enabled to be the preferred one"),
  /** SetUserPoolMfaConfig: ON or OPTIONAL with no factor enabled (decision). */
  mfaWithoutFactor: () =>
    make(
      "InvalidParameterException",
      "Invalid MFA configuration given, can't turn MFA on without an MFA factor enabled.",
    ),
  /** SetUserPoolMfaConfig: SMS MFA without an SmsConfiguration on the request or the pool (decision). */
  smsConfigurationMissing: () =>
    make("InvalidParameterException", "SMS configuration is required to turn on SMS MFA."),
  /** SetUserPoolMfaConfig: email MFA needs the pool to send with Amazon SES (DEVELOPER) (decision). */
  emailMfaNeedsDeveloper: () =>
    make(
      "InvalidParameterException",
      "Email MFA requires the user pool's EmailSendingAccount to be DEVELOPER.",
    ),
  /** SELECT_MFA_TYPE answered with a factor that was not offered (decision). */
  mfaTypeNotOffered: () => make("InvalidParameterException", "Invalid MFA type selected"),
  /** The factor of an open MFA challenge is gone (e.g. an admin disabled it) (decision). */
  mfaMethodNotFound: () => make("MFAMethodNotFoundException", "No MFA method found for the user."),
  /** MFA_SETUP answered before VerifySoftwareToken or without an email (decision). */
  mfaSetupIncomplete: () => make("InvalidParameterException", "MFA setup is not complete for the user."),

  /** A device key that is unknown, forgotten or another user's (decision; must contain "device"). */
  deviceNotFound: () => make("ResourceNotFoundException", "Device does not exist."),
  /** Device operations in a pool without DeviceConfiguration (decision). */
  deviceTrackingOff: () =>
    make("InvalidUserPoolConfigurationException", "Device tracking is not enabled for this user pool."),
  /** ConfirmDevice for a device that is already confirmed (decision). */
  deviceAlreadyConfirmed: () => make("DeviceKeyExistsException", "Device has already been confirmed."),
  /** ConfirmDevice with a verifier or salt that is not valid base64 or out of range (decision). */
  invalidDeviceVerifier: () => make("InvalidParameterException", "Invalid device verifier or salt."),
};
