import { make } from "./cognito-error.ts";

/** Errors of the AWS JSON 1.1 protocol itself, the same in every AWS JSON service. */
export const protocolErrors = {
  /**
   * No X-Amz-Target, or one naming no operation of cognito-idp; 405 for a method other than POST /
   * GET / HEAD / OPTIONS. The wording is AWS's own for a target its JSON services do not know (an AWS
   * JSON service answering `{"__type":"com.amazon.coral.service#UnknownOperationException","message":
   * "The requested operation is not recognized by the service."}`); the target is not echoed.
   */
  unknownOperation: (status: 400 | 405 = 400) =>
    make("UnknownOperationException", "The requested operation is not recognized by the service.", status),
  /**
   * An operation of the cognito-idp API model that hushpool does not implement (a decision,
   * docs/wire-protocol.md#requests): named, so that the SDKs show more than "UnknownError".
   * `operation` comes from the model's list, never from the request.
   */
  unimplementedOperation: (operation: string) =>
    make("UnknownOperationException", `hushpool does not implement the cognito-idp operation ${operation}.`),
  bodyTooLarge: () => make("SerializationException", "Request body is too large.", 413),
  notAnObject: () => make("SerializationException", "Start of structure or map found where not expected."),
  internal: () => make("InternalErrorException", "An internal error occurred."),
};
