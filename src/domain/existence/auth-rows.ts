import { errors } from "../errors/index.ts";
import { fail, PROCEED, SIMULATE, same } from "./answers.ts";
import type { AuthOperation, ExistenceRow } from "./types.ts";

/** Declared with the rest of the table's vocabulary (./types.ts); re-exported for existing importers. */
export type { AuthOperation, AuthState } from "./types.ts";

/**
 * The sign-in rows of the existence table (docs/authentication.md): InitiateAuth, AdminInitiateAuth,
 * RespondToAuthChallenge, AdminRespondToAuthChallenge, and the token-authorised operations.
 * The flows (src/domain/auth-flows) classify the user with `signInState` (auth-flows/screen.ts) and
 * ask the table once before the password check; the password outcome is asked again afterwards
 * (`wrong-password`, `disabled-user`, `temporary-password-expired`). SIMULATE means: run the protocol
 * against the deterministic fake credential (same modexps, reads and counter write as a wrong password)
 * and end in the `wrong-password` row. Decisions are explained in docs/authentication.md.
 */
const USER_NOT_FOUND = fail(errors.userNotFound);
const WRONG = fail(errors.incorrectCredentials);
const NOT_CONFIRMED = fail(errors.userNotConfirmed);

/**
 * Strict (docs/existence.md#the-strict-profile): UNCONFIRMED is told only after a correct password,
 * so before it the row proceeds to the password check; the cognito profile refuses it at once (a
 * session can then never carry the state, so its respond rows are unreachable there).
 */
const UNCONFIRMED_AFTER_PASSWORD: Omit<ExistenceRow, "operation"> = {
  state: "unconfirmed-after-password",
  ...same(NOT_CONFIRMED),
  source: "A.0 (strict: told only after a correct password)",
};
const unconfirmedInSession = (operation: AuthOperation): ExistenceRow => ({
  operation,
  state: "unconfirmed",
  ...same(NOT_CONFIRMED),
  strict: PROCEED,
  source: "A.0 (cognito: refused at step 1, never in a session)",
});

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
    ...same(NOT_CONFIRMED),
    strict: PROCEED,
    source: "A.0, A.6, J (S26: regardless of password)",
  },
  {
    operation,
    state: "reset-required",
    legacy: fail(errors.passwordResetRequired),
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
  { operation, ...UNCONFIRMED_AFTER_PASSWORD },
  {
    operation,
    state: "disabled-user",
    ...same(fail(errors.userDisabled)),
    source: "A.0, J (S34); decision: told only after a correct password",
  },
  {
    operation,
    state: "temporary-password-expired",
    ...same(fail(errors.temporaryPasswordExpired)),
    source: "A.0, A.6; decision: told only after a correct password",
  },
  { operation, state: "token-user-gone", ...same(USER_NOT_FOUND), source: "A.0 (deleted user)" },
];

/** RespondToAuthChallenge: a simulated PASSWORD_VERIFIER session fails like a wrong proof (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html). */
const respondRows = (operation: "RespondToAuthChallenge" | "AdminRespondToAuthChallenge"): ExistenceRow[] => [
  { operation, state: "unknown-user", ...same(SIMULATE), source: "A.7, D.6, J (S1)" },
  { operation, state: "reset-required", ...same(SIMULATE), source: "A.7 (masked at step 1 under ENABLED)" },
  { operation, state: "no-password", ...same(SIMULATE), source: "decision" },
  unconfirmedInSession(operation),
  { operation, state: "confirmed", ...same(PROCEED), source: "A.7" },
  { operation, state: "force-change-password", ...same(PROCEED), source: "A.7" },
  ...outcomeRows(operation),
];

/** Token-authorised operations whose token names a user that was deleted since (docs/errors.md). */
const TOKEN_OPERATIONS = [
  "GetTokensFromRefreshToken",
  "GetUser",
  "ChangePassword",
  "UpdateUserAttributes",
  "DeleteUserAttributes",
  "VerifyUserAttribute",
  "GetUserAttributeVerificationCode",
  "DeleteUser",
  "GlobalSignOut",
  "AssociateSoftwareToken",
  "VerifySoftwareToken",
  "SetUserMFAPreference",
  "SetUserSettings",
  "ConfirmDevice",
  "GetDevice",
  "ListDevices",
  "UpdateDeviceStatus",
  "ForgetDevice",
  "StartWebAuthnRegistration",
  "CompleteWebAuthnRegistration",
  "ListWebAuthnCredentials",
  "DeleteWebAuthnCredential",
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
    ...same(fail(errors.userDisabled)),
    source: "A.0",
  },
  {
    operation: "AdminUserGlobalSignOut",
    state: "unknown-user",
    ...same(USER_NOT_FOUND),
    source: "A.8, J (admin operations: no client setting)",
  },
];

/**
 * CUSTOM_AUTH (docs/triggers.md#custom-authentication, docs/existence.md#legacy-and-enabled-at-a-glance; ../auth-flows/custom-auth/entry-points.ts). SIMULATE means: the three
 * triggers run with `userNotFound: true` and empty userAttributes, and the flow never issues tokens
 * (`issueTokens` ends in `wrong-password`). No password is needed, so `no-password` proceeds. A
 * disabled user, like in the password flows, is told only once the challenges are passed (the
 * InitiateAuth / RespondToAuthChallenge `disabled-user` rows). `wrong-password` is DefineAuthChallenge's
 * `failAuthentication`.
 */
const customRows: ExistenceRow[] = [
  {
    operation: "InitiateAuth CUSTOM_AUTH",
    state: "unknown-user",
    legacy: USER_NOT_FOUND,
    enabled: SIMULATE,
    source: "E.3, J (S1: UserNotFound passed to the triggers)",
  },
  {
    operation: "InitiateAuth CUSTOM_AUTH",
    state: "unconfirmed",
    ...same(NOT_CONFIRMED),
    strict: PROCEED,
    source: "decision (as the password flows, A.6)",
  },
  {
    operation: "InitiateAuth CUSTOM_AUTH",
    state: "reset-required",
    legacy: fail(errors.passwordResetRequired),
    enabled: SIMULATE,
    source: "decision (as the password flows, J, S1)",
  },
  { operation: "InitiateAuth CUSTOM_AUTH", state: "confirmed", ...same(PROCEED), source: "E.3" },
  {
    operation: "InitiateAuth CUSTOM_AUTH",
    state: "force-change-password",
    ...same(PROCEED),
    source: "decision (NEW_PASSWORD_REQUIRED after the challenges)",
  },
  {
    operation: "InitiateAuth CUSTOM_AUTH",
    state: "no-password",
    ...same(PROCEED),
    source: "decision (custom auth needs no password)",
  },
  {
    operation: "InitiateAuth CUSTOM_AUTH",
    state: "wrong-password",
    ...same(WRONG),
    source: "E.3 (failAuthentication)",
  },
  {
    operation: "RespondToAuthChallenge CUSTOM_CHALLENGE",
    state: "unknown-user",
    ...same(SIMULATE),
    source: "E.3, J (S1)",
  },
  {
    operation: "RespondToAuthChallenge CUSTOM_CHALLENGE",
    state: "reset-required",
    ...same(SIMULATE),
    source: "decision (masked at InitiateAuth under ENABLED)",
  },
  unconfirmedInSession("RespondToAuthChallenge CUSTOM_CHALLENGE"),
  {
    operation: "RespondToAuthChallenge CUSTOM_CHALLENGE",
    state: "confirmed",
    ...same(PROCEED),
    source: "E.3",
  },
  {
    operation: "RespondToAuthChallenge CUSTOM_CHALLENGE",
    state: "force-change-password",
    ...same(PROCEED),
    source: "decision",
  },
  {
    operation: "RespondToAuthChallenge CUSTOM_CHALLENGE",
    state: "no-password",
    ...same(PROCEED),
    source: "decision",
  },
  {
    operation: "RespondToAuthChallenge CUSTOM_CHALLENGE",
    state: "wrong-password",
    ...same(WRONG),
    source: "E.3 (failAuthentication)",
  },
  {
    operation: "RespondToAuthChallenge CUSTOM_CHALLENGE",
    state: "token-user-gone",
    ...same(USER_NOT_FOUND),
    source: "A.0 (deleted during the flow)",
  },
];

/**
 * USER_AUTH, choice-based sign-in (../auth-flows/user-auth/; docs/authentication.md#choice-based-sign-in-user_auth).
 * AWS's guide says both that ENABLED answers an unknown name "with a random selection from the
 * challenge types allowed for the user pool" and that "choice-based authentication isn't affected by
 * your PreventUserExistenceErrors configuration"
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html).
 * Read together (decision): USER_AUTH never tells an unknown name, in either mode; SIMULATE means a
 * challenge chosen for the name (stable, ../auth-flows/user-auth/factors.ts) whose every answer fails
 * like a wrong one. A password factor runs the password flows with these masking rules. A user without
 * a password may still sign in with a code or a passkey, so `no-password` and `reset-required`
 * proceed (their factors just lack PASSWORD).
 */
const USER_AUTH_START = "InitiateAuth USER_AUTH";
const USER_AUTH_RESPOND = "RespondToAuthChallenge USER_AUTH";
const WRONG_CODE = fail(errors.otpMismatch);
const userAuthRows: ExistenceRow[] = [
  {
    operation: USER_AUTH_START,
    state: "unknown-user",
    ...same(SIMULATE),
    source: "decision (S7: not affected by the setting; ENABLED: a challenge from the allowed types)",
  },
  {
    operation: USER_AUTH_START,
    state: "unconfirmed",
    ...same(NOT_CONFIRMED),
    strict: PROCEED,
    source: "A.0 (as the password flows)",
  },
  {
    operation: USER_AUTH_START,
    state: "reset-required",
    ...same(PROCEED),
    source: "decision (codes and passkeys need no password)",
  },
  { operation: USER_AUTH_START, state: "confirmed", ...same(PROCEED), source: "S1 USER_AUTH" },
  { operation: USER_AUTH_START, state: "force-change-password", ...same(PROCEED), source: "S1 USER_AUTH" },
  {
    operation: USER_AUTH_START,
    state: "no-password",
    ...same(PROCEED),
    source: "S1 (passwordless users sign in with codes or passkeys)",
  },
  { operation: USER_AUTH_RESPOND, state: "unknown-user", ...same(SIMULATE), source: "decision (as above)" },
  { operation: USER_AUTH_RESPOND, state: "reset-required", ...same(PROCEED), source: "decision" },
  { operation: USER_AUTH_RESPOND, state: "no-password", ...same(PROCEED), source: "decision" },
  unconfirmedInSession(USER_AUTH_RESPOND),
  { operation: USER_AUTH_RESPOND, state: "confirmed", ...same(PROCEED), source: "S1" },
  { operation: USER_AUTH_RESPOND, state: "force-change-password", ...same(PROCEED), source: "S1" },
  {
    operation: USER_AUTH_RESPOND,
    state: "wrong-code",
    ...same(WRONG_CODE),
    source: "A.0 (S29: every wrong code on one session, no lockout)",
  },
  ...outcomeRows(USER_AUTH_RESPOND),
];

export const authRows: readonly ExistenceRow[] = [
  ...initiateRows("InitiateAuth"),
  ...initiateRows("AdminInitiateAuth"),
  ...respondRows("RespondToAuthChallenge"),
  ...respondRows("AdminRespondToAuthChallenge"),
  ...tokenRows,
  ...customRows,
  ...userAuthRows,
];
