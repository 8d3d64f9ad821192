import { z } from "zod";
import type { EnvelopeInput, StringMap, TriggerEnvelope } from "./common.ts";
import { envelope } from "./common.ts";
import { optional, responseShape, stringMap } from "./shape.ts";

/**
 * UserMigration (docs/triggers.md#usermigration; AWS "Migrate user Lambda trigger"). Invoked for a username that is not in
 * the pool, at password sign-in (`_Authentication`, with the password) and at ForgotPassword
 * (`_ForgotPassword`, without it). `userName` is the name as the user entered it.
 */
export type UserMigrationSource = "UserMigration_Authentication" | "UserMigration_ForgotPassword";

export interface UserMigrationRequest {
  /** Only for `UserMigration_Authentication`. */
  password?: string;
  validationData?: StringMap | null;
  clientMetadata?: StringMap | null;
}

export interface UserMigrationResponse {
  userAttributes?: StringMap | null;
  /** CONFIRMED keeps the password; RESET_REQUIRED makes the user reset it. */
  finalUserStatus?: "CONFIRMED" | "RESET_REQUIRED" | null;
  messageAction?: "RESEND" | "SUPPRESS" | null;
  desiredDeliveryMediums?: Array<"SMS" | "EMAIL"> | null;
  forceAliasCreation?: boolean | null;
  enableSMSMFA?: boolean | null;
}

export type UserMigrationEvent = TriggerEnvelope<
  UserMigrationSource,
  UserMigrationRequest,
  UserMigrationResponse
>;

/** Go's zero value for an unset string is "", so "" counts as unset like null. */
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), optional(z.enum(values)));

export const userMigrationResponse = responseShape({
  userAttributes: optional(stringMap),
  finalUserStatus: optionalEnum(["CONFIRMED", "RESET_REQUIRED"] as const),
  messageAction: optionalEnum(["RESEND", "SUPPRESS"] as const),
  desiredDeliveryMediums: optional(z.array(z.enum(["SMS", "EMAIL"]))),
  forceAliasCreation: optional(z.boolean()),
  enableSMSMFA: optional(z.boolean()),
});

/** The response part of a migration that created a user, with defaults applied (docs/triggers.md#usermigration). */
export interface MigratedUser {
  userAttributes: StringMap;
  finalUserStatus: "CONFIRMED" | "RESET_REQUIRED";
  messageAction: "RESEND" | "SUPPRESS";
  desiredDeliveryMediums: Array<"SMS" | "EMAIL">;
  forceAliasCreation: boolean;
  enableSMSMFA: boolean;
}

/**
 * Cognito sends the response fields as nulls (AWS documentation's sample event); returning the event
 * unchanged is the "empty response" that means "no such user".
 */
export function userMigrationEvent(
  input: EnvelopeInput,
  source: UserMigrationSource,
  request: UserMigrationRequest,
) {
  const response: UserMigrationResponse = {
    userAttributes: null,
    finalUserStatus: null,
    messageAction: null,
    desiredDeliveryMediums: null,
    forceAliasCreation: null,
    enableSMSMFA: null,
  };
  return envelope(input, source, request, response) satisfies UserMigrationEvent;
}
