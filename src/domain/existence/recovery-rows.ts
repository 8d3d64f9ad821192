import { errors } from "../errors/index.ts";
import { fail, PROCEED, SIMULATE, same } from "./answers.ts";
import type { ExistenceRow } from "./types.ts";

/**
 * Sign-up, confirmation and password-recovery rows (docs/existence.md). Sources are explained in docs/existence.md#reading-the-source-column; "decision" rows are explained in docs/existence.md.
 * ENABLED hides a *missing* user only (docs/existence.md#the-setting): the cognito profile reproduces
 * Cognito's documented leaks (taken username, already confirmed, FORCE_CHANGE_PASSWORD, no code
 * requested) on purpose; the `strict` answers close them (docs/existence.md#the-strict-profile).
 */
const NOT_FOUND = fail(errors.usernameClientNotFound);
const DISABLED = fail(errors.userDisabled);
const cannotConfirm = (status: string) => fail(() => errors.cannotConfirm(status));
const ALREADY_CONFIRMED = fail(errors.alreadyConfirmed);
const CANNOT_RESET = fail(errors.cannotResetPassword);
/** ExpiredCodeException tells "a user with no live code" from an unknown name (CodeMismatchException). */
const EXPIRED = fail(errors.expiredCode);
const MISMATCH = fail(errors.codeMismatch);

const signUp: ExistenceRow[] = [
  { operation: "SignUp", state: "unknown-user", ...same(PROCEED), source: "A.1" },
  {
    operation: "SignUp",
    state: "username-taken",
    ...same(fail(errors.usernameExists)),
    strict: SIMULATE,
    source: "A.0, A.1, J (S1: SignUp always reports a taken name)",
  },
  {
    operation: "SignUp",
    state: "email-taken",
    ...same(fail(() => errors.signInNameExists("email"))),
    strict: SIMULATE,
    source: "A.0, C (S38)",
  },
  {
    operation: "SignUp",
    state: "phone-taken",
    ...same(fail(() => errors.signInNameExists("phone_number"))),
    strict: SIMULATE,
    source: "A.0, C (S38)",
  },
  {
    operation: "SignUp",
    state: "preferred-username-taken",
    ...same(fail(() => errors.aliasExists("preferred_username"))),
    strict: SIMULATE,
    source: "decision (wording of A.0's AliasExistsException)",
  },
];

const confirmSignUp: ExistenceRow[] = [
  {
    operation: "ConfirmSignUp",
    state: "unknown-user",
    legacy: NOT_FOUND,
    enabled: SIMULATE,
    source: "A.2, J",
  },
  {
    operation: "ConfirmSignUp",
    state: "disabled-user",
    legacy: DISABLED,
    enabled: SIMULATE,
    source: "decision",
  },
  { operation: "ConfirmSignUp", state: "unconfirmed", ...same(PROCEED), source: "A.2" },
  {
    operation: "ConfirmSignUp",
    state: "confirmed",
    ...same(cannotConfirm("CONFIRMED")),
    strict: SIMULATE,
    source: "A.0, A.2, J",
  },
  {
    operation: "ConfirmSignUp",
    state: "force-change-password",
    ...same(cannotConfirm("FORCE_CHANGE_PASSWORD")),
    strict: SIMULATE,
    source: "decision (A.0 wording with the actual status)",
  },
  {
    operation: "ConfirmSignUp",
    state: "reset-required",
    ...same(cannotConfirm("RESET_REQUIRED")),
    strict: SIMULATE,
    source: "decision (A.0 wording with the actual status)",
  },
  {
    operation: "ConfirmSignUp",
    state: "expired-code",
    ...same(EXPIRED),
    strict: MISMATCH,
    source: "A.0, A.2 (ExpiredCodeException)",
  },
];

const resendConfirmationCode: ExistenceRow[] = [
  {
    operation: "ResendConfirmationCode",
    state: "unknown-user",
    legacy: NOT_FOUND,
    enabled: SIMULATE,
    source: "A.3, B.1, J, seed",
  },
  {
    operation: "ResendConfirmationCode",
    state: "disabled-user",
    legacy: NOT_FOUND,
    enabled: SIMULATE,
    source: "A.3, J",
  },
  { operation: "ResendConfirmationCode", state: "unconfirmed", ...same(PROCEED), source: "A.3" },
  {
    operation: "ResendConfirmationCode",
    state: "no-contact",
    legacy: fail(errors.cannotResendCodes),
    enabled: SIMULATE,
    source: "decision",
  },
  {
    operation: "ResendConfirmationCode",
    state: "confirmed",
    ...same(ALREADY_CONFIRMED),
    strict: SIMULATE,
    source: "A.0, A.3, J",
  },
  {
    operation: "ResendConfirmationCode",
    state: "force-change-password",
    ...same(ALREADY_CONFIRMED),
    strict: SIMULATE,
    source: "decision",
  },
  {
    operation: "ResendConfirmationCode",
    state: "reset-required",
    ...same(ALREADY_CONFIRMED),
    strict: SIMULATE,
    source: "decision",
  },
];

const forgotPassword: ExistenceRow[] = [
  {
    operation: "ForgotPassword",
    state: "unknown-user",
    legacy: NOT_FOUND,
    enabled: SIMULATE,
    source: "A.4, J, seed",
  },
  {
    operation: "ForgotPassword",
    state: "disabled-user",
    legacy: DISABLED,
    enabled: SIMULATE,
    source: "A.4, J",
  },
  {
    operation: "ForgotPassword",
    state: "no-verified-contact",
    legacy: fail(errors.noVerifiedContact),
    enabled: SIMULATE,
    source: "A.0, A.4, J",
  },
  {
    operation: "ForgotPassword",
    state: "force-change-password",
    ...same(CANNOT_RESET),
    strict: SIMULATE,
    source: "A.0, A.4, J",
  },
  { operation: "ForgotPassword", state: "unconfirmed", ...same(PROCEED), source: "decision" },
  { operation: "ForgotPassword", state: "confirmed", ...same(PROCEED), source: "A.4" },
  { operation: "ForgotPassword", state: "reset-required", ...same(PROCEED), source: "A.4, A.5" },
];

const confirmForgotPassword: ExistenceRow[] = [
  {
    operation: "ConfirmForgotPassword",
    state: "unknown-user",
    legacy: NOT_FOUND,
    enabled: SIMULATE,
    source: "A.5, J (LEGACY inferred)",
  },
  {
    operation: "ConfirmForgotPassword",
    state: "disabled-user",
    legacy: DISABLED,
    enabled: SIMULATE,
    source: "A.5, J (LEGACY inferred)",
  },
  { operation: "ConfirmForgotPassword", state: "unconfirmed", ...same(PROCEED), source: "A.5" },
  { operation: "ConfirmForgotPassword", state: "confirmed", ...same(PROCEED), source: "A.5" },
  { operation: "ConfirmForgotPassword", state: "reset-required", ...same(PROCEED), source: "A.5" },
  {
    operation: "ConfirmForgotPassword",
    state: "force-change-password",
    ...same(PROCEED),
    source: "decision",
  },
  {
    operation: "ConfirmForgotPassword",
    state: "expired-code",
    ...same(EXPIRED),
    strict: MISMATCH,
    source: "A.0, A.5 (ExpiredCodeException)",
  },
];

/** Admin operations are not covered by the client setting (docs/existence.md#legacy-and-enabled-at-a-glance): both columns agree. */
const adminResetUserPassword: ExistenceRow[] = [
  {
    operation: "AdminResetUserPassword",
    state: "unknown-user",
    ...same(fail(errors.userNotFound)),
    source: "A.0, A.8",
  },
  {
    operation: "AdminResetUserPassword",
    state: "force-change-password",
    ...same(CANNOT_RESET),
    source: "A.0 (S38)",
  },
  { operation: "AdminResetUserPassword", state: "disabled-user", ...same(PROCEED), source: "decision" },
  { operation: "AdminResetUserPassword", state: "unconfirmed", ...same(PROCEED), source: "decision" },
  { operation: "AdminResetUserPassword", state: "confirmed", ...same(PROCEED), source: "S3 API doc" },
  { operation: "AdminResetUserPassword", state: "reset-required", ...same(PROCEED), source: "S3 API doc" },
];

export const recoveryRows: readonly ExistenceRow[] = [
  ...signUp,
  ...confirmSignUp,
  ...resendConfirmationCode,
  ...forgotPassword,
  ...confirmForgotPassword,
  ...adminResetUserPassword,
];
