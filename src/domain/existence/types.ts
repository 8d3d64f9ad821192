import type { ClientRecord } from "../../storage/ports.ts";
import type { CognitoError, ExceptionName } from "../errors/index.ts";
import type { ExistenceProfile } from "./profile.ts";

/**
 * The vocabulary of the existence table (docs/existence.md). An operation classifies the user it
 * found (or did not find) into one state, asks the table, and does what the answer says.
 */

/** PreventUserExistenceErrors of the app client (docs/existence.md#the-setting); admin operations have no client. */
export type Mode = "LEGACY" | "ENABLED";

export type { ExistenceProfile } from "./profile.ts";

/** The account-recovery operations (rows in ./recovery-rows.ts). */
export type RecoveryOperation =
  | "SignUp"
  | "ConfirmSignUp"
  | "ResendConfirmationCode"
  | "ForgotPassword"
  | "ConfirmForgotPassword"
  | "AdminResetUserPassword";

/**
 * User states. Each name doubles as the bench-delay path label (src/bench-delay.ts), so
 * `--bench-delay-path unknown-user` slows exactly the unknown-user branch.
 */
export type BaseState =
  /** No user under this name (no username and no active alias). */
  | "unknown-user"
  /** The user exists and is disabled (AdminDisableUser). */
  | "disabled-user"
  | "unconfirmed"
  | "confirmed"
  | "force-change-password"
  | "reset-required"
  /** ForgotPassword: no verified email/phone the recovery settings allow (docs/operations.md#forgotpassword). */
  | "no-verified-contact"
  /** ResendConfirmationCode: the user has none of the pool's AutoVerifiedAttributes. */
  | "no-contact"
  /** SignUp: the username is taken (docs/operations.md#signup). */
  | "username-taken"
  /** SignUp in a pool with UsernameAttributes: the email / phone is another user's sign-in name. */
  | "email-taken"
  | "phone-taken"
  /** SignUp in a pool with the preferred_username alias: another user holds it. */
  | "preferred-username-taken"
  /**
   * ConfirmSignUp, ConfirmForgotPassword: asked after the code check when the user has no live code
   * (none requested, used, or past its lifetime). Cognito answers ExpiredCodeException there.
   */
  | "expired-code";

/** The sign-in operations (rows in ./auth-rows.ts). */
export type AuthOperation =
  | "InitiateAuth"
  | "AdminInitiateAuth"
  | "RespondToAuthChallenge"
  | "AdminRespondToAuthChallenge"
  | "GetTokensFromRefreshToken"
  | "GetUser"
  | "ChangePassword"
  | "UpdateUserAttributes"
  | "DeleteUserAttributes"
  | "VerifyUserAttribute"
  | "GetUserAttributeVerificationCode"
  | "DeleteUser"
  | "GlobalSignOut"
  | "StartWebAuthnRegistration"
  | "CompleteWebAuthnRegistration"
  | "ListWebAuthnCredentials"
  | "DeleteWebAuthnCredential"
  | "AdminUserGlobalSignOut"
  | "AssociateSoftwareToken"
  | "VerifySoftwareToken"
  | "SetUserMFAPreference"
  | "SetUserSettings"
  | "ConfirmDevice"
  | "GetDevice"
  | "ListDevices"
  | "UpdateDeviceStatus"
  | "ForgetDevice"
  /** CUSTOM_AUTH started by InitiateAuth or AdminInitiateAuth (one set of rows for both). */
  | "InitiateAuth CUSTOM_AUTH"
  /** A CUSTOM_CHALLENGE answered with RespondToAuthChallenge or its Admin twin. */
  | "RespondToAuthChallenge CUSTOM_CHALLENGE"
  /** USER_AUTH (choice-based sign-in) started by InitiateAuth or AdminInitiateAuth, before any factor. */
  | "InitiateAuth USER_AUTH"
  /** A USER_AUTH challenge (SELECT_CHALLENGE, EMAIL_OTP, SMS_OTP, WEB_AUTHN) answered by either Respond operation. */
  | "RespondToAuthChallenge USER_AUTH";

export type AuthState =
  /** The user exists but has no password credential (e.g. imported, external provider). */
  | "no-password"
  /** The password (or SRP proof, or passkey assertion) did not verify. */
  | "wrong-password"
  /** A USER_AUTH one-time code did not match (or the challenge was simulated). */
  | "wrong-code"
  /** FORCE_CHANGE_PASSWORD with a correct temporary password past TemporaryPasswordValidityDays. */
  | "temporary-password-expired"
  /** The user a refresh token, access token or challenge session names has been deleted. */
  | "token-user-gone"
  /** An UNCONFIRMED user proved the password (reached only where `unconfirmed` proceeds: strict). */
  | "unconfirmed-after-password";

export type ExistenceOperation = RecoveryOperation | AuthOperation;
export type UserState = BaseState | AuthState;

/**
 * What the table answers:
 * - `proceed`: run the operation's real path for this user;
 * - `simulate`: run the operation's masked path, which does the same work as the real one and answers
 *   like it (a simulated CodeDeliveryDetails, or CodeMismatchException after a decoy code check);
 * - `fail`: answer the catalogue error `error` makes; `type` and `message` are what it makes (for the
 *   documentation table).
 */
export type Answer =
  | { kind: "proceed" }
  | { kind: "simulate" }
  | { kind: "fail"; error: () => CognitoError; type: ExceptionName; message: string };

/**
 * One row: the `cognito` profile's answer per mode, and the `strict` profile's answer where it differs
 * from the ENABLED one. A strict pool answers the same to LEGACY and ENABLED clients (the profile is
 * the pool's guarantee, and any caller can pick any of its clients: docs/existence.md#the-strict-profile).
 */
export interface ExistenceRow {
  operation: ExistenceOperation;
  state: UserState;
  legacy: Answer;
  enabled: Answer;
  /** The strict profile's answer, for both modes; absent: the `enabled` answer. */
  strict?: Answer;
  /** Where the answer comes from: a spec section / source, or "decision" with the reason in docs. */
  source: string;
}

/** Who asks the table: the app client (its mode) and the pool's profile; admin operations pass null. */
export interface Asker {
  client: Pick<ClientRecord, "config">;
  profile: ExistenceProfile;
}
