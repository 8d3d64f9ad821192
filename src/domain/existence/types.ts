import type { CognitoError, ExceptionName } from "../errors/index.ts";

/**
 * The vocabulary of the existence table (docs/existence.md). An operation classifies the user it
 * found (or did not find) into one state, asks the table, and does what the answer says.
 */

/** PreventUserExistenceErrors of the app client (docs/existence.md#the-setting); admin operations have no client. */
export type Mode = "LEGACY" | "ENABLED";

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
  | "preferred-username-taken";

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
  | "VerifyUserAttribute"
  | "GetUserAttributeVerificationCode"
  | "DeleteUser"
  | "GlobalSignOut"
  | "AdminUserGlobalSignOut"
  /** CUSTOM_AUTH started by InitiateAuth or AdminInitiateAuth (one set of rows for both). */
  | "InitiateAuth CUSTOM_AUTH"
  /** A CUSTOM_CHALLENGE answered with RespondToAuthChallenge or its Admin twin. */
  | "RespondToAuthChallenge CUSTOM_CHALLENGE";

export type AuthState =
  /** The user exists but has no password credential (e.g. imported, external provider). */
  | "no-password"
  /** The password (or SRP proof) did not verify. */
  | "wrong-password"
  /** FORCE_CHANGE_PASSWORD with a correct temporary password past TemporaryPasswordValidityDays. */
  | "temporary-password-expired"
  /** The user a refresh token, access token or challenge session names has been deleted. */
  | "token-user-gone";

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

export interface ExistenceRow {
  operation: ExistenceOperation;
  state: UserState;
  legacy: Answer;
  enabled: Answer;
  /** Where the answer comes from: a spec section / source, or "decision" with the reason in docs. */
  source: string;
}
