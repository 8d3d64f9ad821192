import type { Difference } from "./compare.ts";
import type { CaseKey } from "./runner.ts";
import type { StateId } from "./states.ts";

/**
 * The differences the `cognito` profile keeps on purpose: answers Cognito documents for
 * PreventUserExistenceErrors = ENABLED, leaks included, so that an app tested against hushpool meets
 * the same answers on AWS. Each names the docs/existence.md heading that documents it. A difference
 * in the `cognito` profile that none of these explains fails the suite, and so does an entry that no
 * case shows any more (the list cannot rot). The `strict` profile allows none of them.
 */
export interface ExpectedDifference {
  id: string;
  /** The heading that documents it (checked by test/unit/doc-references.test.ts). */
  doc: string;
  what: string;
  matches(c: CaseKey, d: Difference): boolean;
}

const UNCONFIRMED: readonly StateId[] = ["unconfirmed", "unconfirmed-expired-code"];
/** Sign-in requests that reach the user: the password flows, SRP, CUSTOM_AUTH and its answers. */
const SIGN_IN = /USER_PASSWORD_AUTH|USER_SRP_AUTH|CUSTOM_AUTH|CUSTOM_CHALLENGE|USER_AUTH/;
const NAME_IN_CHALLENGE = new Set(["ChallengeParameters.USERNAME", "ChallengeParameters.USER_ID_FOR_SRP"]);

const isOp = (c: CaseKey, id: string): boolean => c.operation === id;

export const EXPECTED_COGNITO_DIFFERENCES: readonly ExpectedDifference[] = [
  {
    id: "sign-in-unconfirmed",
    doc: "docs/existence.md#what-enabled-does-not-hide",
    what: "An UNCONFIRMED user signing in gets UserNotConfirmedException, whatever the password.",
    matches: (c) => SIGN_IN.test(c.operation) && UNCONFIRMED.includes(c.state),
  },
  {
    id: "sign-up-taken-name",
    doc: "docs/existence.md#what-enabled-does-not-hide",
    what: "SignUp reports a taken username (UsernameExistsException) or preferred_username (AliasExistsException).",
    matches: (c) => isOp(c, "SignUp"),
  },
  {
    id: "resend-already-confirmed",
    doc: "docs/existence.md#what-enabled-does-not-hide",
    what: "ResendConfirmationCode says `User is already confirmed.` for every status but UNCONFIRMED.",
    matches: (c) =>
      isOp(c, "ResendConfirmationCode") && !UNCONFIRMED.includes(c.state) && c.state !== "disabled",
  },
  {
    id: "confirm-sign-up-status",
    doc: "docs/existence.md#what-enabled-does-not-hide",
    what: "ConfirmSignUp says `User cannot be confirmed. Current status is …` for a user who is not UNCONFIRMED.",
    matches: (c) =>
      isOp(c, "ConfirmSignUp (wrong code)") && !UNCONFIRMED.includes(c.state) && c.state !== "disabled",
  },
  {
    id: "confirm-sign-up-expired-code",
    doc: "docs/existence.md#codes",
    what: "ConfirmSignUp answers ExpiredCodeException when the user's sign-up code is past its 24 hours.",
    matches: (c) => isOp(c, "ConfirmSignUp (wrong code)") && c.state === "unconfirmed-expired-code",
  },
  {
    id: "forgot-password-force-change-password",
    doc: "docs/existence.md#what-enabled-does-not-hide",
    what: "ForgotPassword refuses a FORCE_CHANGE_PASSWORD user.",
    matches: (c) => isOp(c, "ForgotPassword") && c.state === "force-change-password",
  },
  {
    id: "confirm-forgot-password-no-live-code",
    doc: "docs/existence.md#what-enabled-does-not-hide",
    what: "ConfirmForgotPassword answers ExpiredCodeException to a real user with no live reset code.",
    matches: (c) =>
      isOp(c, "ConfirmForgotPassword (wrong code)") &&
      !["confirmed-live-reset-code", "reset-required-live-code", "disabled"].includes(c.state),
  },
  {
    id: "srp-user-id-for-srp",
    doc: "docs/existence.md#simulated-srp",
    what: "USER_ID_FOR_SRP (and USERNAME in SRP and custom challenges) is a UUID for an unknown name, the internal username for a real one.",
    matches: (c, d) => SIGN_IN.test(c.operation) && d.aspect === "body" && NAME_IN_CHALLENGE.has(d.path),
  },
  {
    id: "user-auth-own-factors",
    doc: "docs/existence.md#user_auth-simulated-challenges",
    what: "USER_AUTH shows a real user's own factors (AvailableChallenges, which challenge a preference leads to, the OTP destination, the passkey list); a name without a user shows simulated ones.",
    matches: (c) => c.operation.includes("USER_AUTH") && !UNCONFIRMED.includes(c.state),
  },
  {
    id: "lockout-success-resets-counter",
    doc: "docs/existence.md#lockout-parity",
    what: "A real user's successful sign-in resets the lockout counter an attacker is watching.",
    matches: (c) => c.operation === "lockout: 8 wrong passwords, the owner signs in after the fourth",
  },
  {
    id: "lockout-alias-shares-counter",
    doc: "docs/existence.md#lockout-parity",
    what: "A real user's username and alias share one lockout counter; an unknown pair does not.",
    matches: (c) => c.operation === "lockout: 8 wrong passwords, alternating username and alias",
  },
];

export const explain = (c: CaseKey, d: Difference): ExpectedDifference | undefined =>
  EXPECTED_COGNITO_DIFFERENCES.find((e) => e.matches(c, d));
