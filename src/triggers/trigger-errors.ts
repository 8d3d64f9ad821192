import { CognitoError } from "../domain/errors/catalogue.ts";
import type { TriggerName } from "./events/index.ts";

/** Cognito's exact answers when a trigger fails (spec A.0 and E.0/E.1). */
export const triggerErrors = {
  /** The function threw. Cognito appends a period even when the message already ends with one. */
  functionError: (trigger: TriggerName, message: string) =>
    new CognitoError("UserLambdaValidationException", `${trigger} failed with error ${message}.`),
  /** The function could not be run (AccessDeniedException, ResourceNotFoundException, a timeout …). */
  invocationFailed: (trigger: TriggerName, code: string) =>
    new CognitoError("UnexpectedLambdaException", `${trigger} invocation failed due to error ${code}.`),
  invalidJson: () =>
    new CognitoError("InvalidLambdaResponseException", "Invalid lambda function output : Invalid JSON"),
  unrecognizable: () => new CognitoError("InvalidLambdaResponseException", "Unrecognizable lambda output"),
  /** A migration function returned something that is not an event: null, "", {} (spec E.1, [S16]). */
  migrationNotAnEvent: (clientId: string) =>
    new CognitoError("UserNotFoundException", `Exception migrating user in app client ${clientId}`),
};

/** A short, readable description of a returned value for log lines. */
export function describeReturned(value: unknown): string {
  if (value === null) return "null";
  if (value === "") return 'an empty string ("")';
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    return Object.keys(value).length === 0 ? "an empty object ({})" : "an object without a response field";
  }
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 60))}`;
  return `the ${typeof value} ${String(value)}`;
}
