import { fail, PROCEED, SIMULATE, same } from "./answers.ts";
import type { ExistenceRow } from "./types.ts";

/**
 * The sign-in rows of the existence table (issue 4): InitiateAuth, AdminInitiateAuth,
 * RespondToAuthChallenge, AdminRespondToAuthChallenge, and the token-authorised operations.
 * The flows (src/domain/auth-flows) classify the user with `signInState` (auth-flows/screen.ts) and
 * ask the table once before the password check; the password outcome is asked again afterwards
 * (`wrong-password`, `disabled-user`, `temporary-password-expired`). SIMULATE means: run the protocol
 * against the deterministic fake credential (same modexps, reads and counter write as a wrong password)
 * and end in the `wrong-password` row. Decisions are explained in docs/authentication.md.
 */
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
  | "AdminUserGlobalSignOut";

export type AuthState =
  /** The user exists but has no password credential (e.g. imported, external provider). */
  | "no-password"
  /** The password (or SRP proof) did not verify. */
  | "wrong-password"
  /** FORCE_CHANGE_PASSWORD with a correct temporary password past TemporaryPasswordValidityDays. */
  | "temporary-password-expired"
  /** The user a refresh token, access token or challenge session names has been deleted. */
  | "token-user-gone";

const USER_NOT_FOUND = fail("UserNotFoundException", "User does not exist.");
const WRONG = fail("NotAuthorizedException", "Incorrect username or password.");

/** Rows shared by the two InitiateAuth operations (password flows, SRP step 1, refresh). */
const initiateRows = (operation: "InitiateAuth" | "AdminInitiateAuth"): ExistenceRow[] => [
  {
    operation,
    state: "unknown-user",
    legacy: USER_NOT_FOUND,
    enabled: SIMULATE,
    source: "A.6, D.6, J, S1, S23, seed",
  },
  {
    operation,
    state: "unconfirmed",
    ...same(fail("UserNotConfirmedException", "User is not confirmed.")),
    source: "A.0, A.6, J (S26: regardless of password)",
  },
  {
    operation,
    state: "reset-required",
    legacy: fail("PasswordResetRequiredException", "Password reset required for the user"),
    enabled: SIMULATE,
    source: "A.6, J, S1, S21",
  },
  { operation, state: "confirmed", ...same(PROCEED), source: "A.6" },
  { operation, state: "force-change-password", ...same(PROCEED), source: "A.6 (NEW_PASSWORD_REQUIRED)" },
  { operation, state: "no-password", ...same(SIMULATE), source: "decision (fails like a wrong password)" },
  ...outcomeRows(operation),
];

/** What the password check leads to; the same in both modes (ENABLED hides a missing user only). */
const outcomeRows = (operation: AuthOperation): ExistenceRow[] => [
  { operation, state: "wrong-password", ...same(WRONG), source: "A.0 (S23, S28)" },
  {
    operation,
    state: "disabled-user",
    ...same(fail("NotAuthorizedException", "User is disabled.")),
    source: "A.0, J (S34); decision: told only after a correct password",
  },
  {
    operation,
    state: "temporary-password-expired",
    ...same(
      fail("NotAuthorizedException", "Temporary password has expired and must be reset by an administrator."),
    ),
    source: "A.0, A.6; decision: told only after a correct password",
  },
  { operation, state: "token-user-gone", ...same(USER_NOT_FOUND), source: "A.0 (deleted user)" },
];

/** RespondToAuthChallenge: a simulated PASSWORD_VERIFIER session fails like a wrong proof (S1). */
const respondRows = (operation: "RespondToAuthChallenge" | "AdminRespondToAuthChallenge"): ExistenceRow[] => [
  { operation, state: "unknown-user", ...same(SIMULATE), source: "A.7, D.6, J (S1)" },
  { operation, state: "reset-required", ...same(SIMULATE), source: "A.7 (masked at step 1 under ENABLED)" },
  { operation, state: "no-password", ...same(SIMULATE), source: "decision" },
  { operation, state: "confirmed", ...same(PROCEED), source: "A.7" },
  { operation, state: "force-change-password", ...same(PROCEED), source: "A.7" },
  ...outcomeRows(operation),
];

/** Token-authorised operations whose token names a user that was deleted since (spec A.0). */
const TOKEN_OPERATIONS = [
  "GetTokensFromRefreshToken",
  "GetUser",
  "ChangePassword",
  "UpdateUserAttributes",
  "VerifyUserAttribute",
  "GetUserAttributeVerificationCode",
  "DeleteUser",
  "GlobalSignOut",
] as const;

const tokenRows: ExistenceRow[] = [
  ...TOKEN_OPERATIONS.map(
    (operation): ExistenceRow => ({
      operation,
      state: "token-user-gone",
      ...same(USER_NOT_FOUND),
      source: "A.0 (token ops for a deleted user)",
    }),
  ),
  {
    operation: "GetTokensFromRefreshToken",
    state: "disabled-user",
    ...same(fail("NotAuthorizedException", "User is disabled.")),
    source: "A.0",
  },
  {
    operation: "AdminUserGlobalSignOut",
    state: "unknown-user",
    ...same(USER_NOT_FOUND),
    source: "A.8, J (admin operations: no client setting)",
  },
];

export const authRows: readonly ExistenceRow[] = [
  ...initiateRows("InitiateAuth"),
  ...initiateRows("AdminInitiateAuth"),
  ...respondRows("RespondToAuthChallenge"),
  ...respondRows("AdminRespondToAuthChallenge"),
  ...tokenRows,
];
