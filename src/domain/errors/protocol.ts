import { make } from "./cognito-error.ts";

/** Errors of the AWS JSON 1.1 protocol itself, the same in every AWS JSON service. */
export const protocolErrors = {
  /** No (or an unknown) X-Amz-Target; 405 for a method other than POST / GET / OPTIONS. */
  unknownOperation: (status: 400 | 405 = 400) => make("UnknownOperationException", "", status),
  bodyTooLarge: () => make("SerializationException", "Request body is too large.", 413),
  notAnObject: () => make("SerializationException", "Start of structure or map found where not expected."),
  internal: () => make("InternalErrorException", "An internal error occurred."),
};
