import { type CognitoError, errors } from "../domain/errors/index.ts";
import type { TriggerName } from "./events/index.ts";

/**
 * Cognito's answers when a trigger fails, typed by trigger name; the wording lives in the error
 * catalogue (src/domain/errors/triggers.ts).
 */
export const triggerErrors = {
  functionError: (trigger: TriggerName, message: string): CognitoError =>
    errors.triggerFailed(trigger, message),
  invocationFailed: (trigger: TriggerName, code: string): CognitoError =>
    errors.triggerInvocationFailed(trigger, code),
  invalidJson: errors.triggerInvalidJson,
  unrecognizable: errors.triggerUnrecognizableOutput,
  migrationNotAnEvent: errors.migrationNotAnEvent,
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
