import type { UserRecord, UserStatus } from "../../storage/ports.ts";
import type { BaseState, RecoveryOperation } from "./types.ts";

/**
 * Classifies the user an operation found (or null) into the table's states. The order of the checks
 * decides which state wins when several apply (a disabled, unconfirmed user is "disabled-user");
 * docs/existence.md lists the order per operation.
 */

type StatusState = "unconfirmed" | "confirmed" | "force-change-password" | "reset-required";

/** EXTERNAL_PROVIDER and the retired statuses behave as CONFIRMED here (decision). */
export function statusState(status: UserStatus): StatusState {
  switch (status) {
    case "UNCONFIRMED":
      return "unconfirmed";
    case "FORCE_CHANGE_PASSWORD":
      return "force-change-password";
    case "RESET_REQUIRED":
      return "reset-required";
    default:
      return "confirmed";
  }
}

/** ConfirmSignUp and ConfirmForgotPassword: unknown → disabled → status. */
export function codeEntryState(user: UserRecord | null): BaseState {
  if (!user) return "unknown-user";
  if (!user.enabled) return "disabled-user";
  return statusState(user.status);
}

/** ResendConfirmationCode: unknown → disabled → already confirmed → nowhere to send → unconfirmed. */
export function resendState(user: UserRecord | null, hasTarget: boolean): BaseState {
  if (!user) return "unknown-user";
  if (!user.enabled) return "disabled-user";
  const s = statusState(user.status);
  if (s !== "unconfirmed") return s;
  return hasTarget ? "unconfirmed" : "no-contact";
}

/** ForgotPassword: unknown → disabled → FORCE_CHANGE_PASSWORD → no verified contact → status. */
export function forgotPasswordState(user: UserRecord | null, hasVerifiedTarget: boolean): BaseState {
  if (!user) return "unknown-user";
  if (!user.enabled) return "disabled-user";
  const s = statusState(user.status);
  if (s === "force-change-password") return s;
  return hasVerifiedTarget ? s : "no-verified-contact";
}

/** AdminResetUserPassword: unknown → FORCE_CHANGE_PASSWORD → disabled → status. */
export function adminResetState(user: UserRecord | null): BaseState {
  if (!user) return "unknown-user";
  const s = statusState(user.status);
  if (s === "force-change-password") return s;
  return user.enabled ? s : "disabled-user";
}

/** Every state each operation's classifier can return (a unit test checks each has a row). */
export const CLASSIFIED_STATES: Record<RecoveryOperation, readonly BaseState[]> = {
  SignUp: ["unknown-user", "username-taken", "email-taken", "phone-taken", "preferred-username-taken"],
  ConfirmSignUp: [
    "unknown-user",
    "disabled-user",
    "unconfirmed",
    "confirmed",
    "force-change-password",
    "reset-required",
  ],
  ResendConfirmationCode: [
    "unknown-user",
    "disabled-user",
    "unconfirmed",
    "no-contact",
    "confirmed",
    "force-change-password",
    "reset-required",
  ],
  ForgotPassword: [
    "unknown-user",
    "disabled-user",
    "no-verified-contact",
    "force-change-password",
    "unconfirmed",
    "confirmed",
    "reset-required",
  ],
  ConfirmForgotPassword: [
    "unknown-user",
    "disabled-user",
    "unconfirmed",
    "confirmed",
    "reset-required",
    "force-change-password",
  ],
  AdminResetUserPassword: [
    "unknown-user",
    "force-change-password",
    "disabled-user",
    "unconfirmed",
    "confirmed",
    "reset-required",
  ],
};

/**
 * States asked after the operation's own check rather than classified from the user: the code
 * entries ask `expired-code` when the user has no live code (../codes/enter-code.ts).
 */
export const OUTCOME_STATES: Partial<Record<RecoveryOperation, readonly BaseState[]>> = {
  ConfirmSignUp: ["expired-code"],
  ConfirmForgotPassword: ["expired-code"],
};

/** SignUp: which uniqueness rule the insert broke (the insert itself is the existence check). */
export function signUpState(taken: "username" | "email" | "phone_number" | "preferred_username"): BaseState {
  switch (taken) {
    case "username":
      return "username-taken";
    case "email":
      return "email-taken";
    case "phone_number":
      return "phone-taken";
    case "preferred_username":
      return "preferred-username-taken";
  }
}
