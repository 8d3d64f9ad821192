import { make } from "./cognito-error.ts";

/**
 * Lambda triggers (docs/triggers.md): what Cognito answers when a trigger function fails. The
 * trigger name and the function's own message are values, not wording.
 */
export const triggerErrors = {
  /** The function threw. Cognito appends a period even when the message already ends with one. */
  triggerFailed: (trigger: string, message: string) =>
    make("UserLambdaValidationException", `${trigger} failed with error ${message}.`),
  /** The function could not be run (AccessDeniedException, ResourceNotFoundException, a timeout …). */
  triggerInvocationFailed: (trigger: string, code: string) =>
    make("UnexpectedLambdaException", `${trigger} invocation failed due to error ${code}.`),
  triggerInvalidJson: () =>
    make("InvalidLambdaResponseException", "Invalid lambda function output : Invalid JSON"),
  triggerUnrecognizableOutput: () => make("InvalidLambdaResponseException", "Unrecognizable lambda output"),
  /** A migration function returned something that is not an event: null, "", {}. */
  migrationNotAnEvent: (clientId: string) =>
    make("UserNotFoundException", `Exception migrating user in app client ${clientId}`),
};
