import type { CognitoError } from "../domain/errors/index.ts";
import type { MigratedUser, UserMigrationEvent } from "./events/index.ts";
import { userMigrationResponse } from "./events/index.ts";
import { splitReturnedEvent } from "./events/shape.ts";
import { triggerErrors } from "./trigger-errors.ts";

/**
 * What a UserMigration call amounts to (docs/triggers.md#usermigration):
 * - `migrated`: response.userAttributes is set — create the user and continue;
 * - `empty`: the event came back with an empty response — "no such user": under ENABLED the caller
 *   gives the simulated answer (generic NotAuthorized / simulated CodeDeliveryDetails), under LEGACY
 *   `UserNotFoundException`;
 * - `notAnEvent`: null, "", {} or anything else without a `response` — throw `error` in both modes.
 * (A function that throws never gets here: `runMigration` throws UserLambdaValidationException.)
 */
export type MigrationResult =
  | { kind: "migrated"; user: MigratedUser }
  | { kind: "empty" }
  | { kind: "notAnEvent"; error: CognitoError };

export type Classified = MigrationResult | { kind: "unrecognizable"; field: string };

export function classifyMigration(event: UserMigrationEvent, value: unknown): Classified {
  const split = splitReturnedEvent(value);
  if (!split)
    return { kind: "notAnEvent", error: triggerErrors.migrationNotAnEvent(event.callerContext.clientId) };
  const parsed = userMigrationResponse.safeParse(split.response);
  if (!parsed.success) {
    return { kind: "unrecognizable", field: ["response", ...(parsed.error.issues[0]?.path ?? [])].join(".") };
  }
  const r = parsed.data;
  if (!r.userAttributes || Object.keys(r.userAttributes).length === 0) return { kind: "empty" };
  return {
    kind: "migrated",
    user: {
      userAttributes: r.userAttributes,
      // Unset means "confirmed" at sign-in (AWS: "set to CONFIRMED, or not set, to auto-confirm");
      // a ForgotPassword migration has no password to keep, so the user must reset it.
      finalUserStatus:
        r.finalUserStatus ??
        (event.triggerSource === "UserMigration_Authentication" ? "CONFIRMED" : "RESET_REQUIRED"),
      messageAction: r.messageAction ?? "RESEND",
      desiredDeliveryMediums: r.desiredDeliveryMediums ?? ["SMS"],
      forceAliasCreation: r.forceAliasCreation ?? false,
      enableSMSMFA: r.enableSMSMFA ?? false,
    },
  };
}
