import { make } from "./cognito-error.ts";

/**
 * Input validation: the request shape (AWS's "N validation errors detected" text, composed by the
 * wire edge from the schema violations) and user attributes against the pool's schema.
 */
export const validationErrors = {
  /** `details` are the violations, each `Value … at '<member>' failed to satisfy constraint: …`. */
  invalidRequest: (details: readonly string[]) =>
    make(
      "InvalidParameterException",
      `${details.length} validation error${details.length === 1 ? "" : "s"} detected: ${details.join("; ")}`,
    ),

  /** `Attributes did not conform to the schema: <name>: <why>`, one constructor per why. */
  unknownAttribute: (name: string) => schema(name, "Attribute does not exist in the schema."),
  requiredAttribute: (name: string) => schema(name, "The attribute is required"),
  attributeTooLong: (name: string, max: number) =>
    schema(name, `String must be no longer than ${max} characters`),
  notABoolean: (name: string) => schema(name, "Value must be true or false"),
  notANumber: (name: string) => schema(name, "Number expected"),

  immutableAttribute: (name: string) =>
    make("InvalidParameterException", `Cannot modify an immutable attribute: ${name}`),
  invalidEmail: () => make("InvalidParameterException", "Invalid email address format."),
  invalidPhoneNumber: () => make("InvalidParameterException", "Invalid phone number format."),
};

function schema(name: string, why: string) {
  return make("InvalidParameterException", `Attributes did not conform to the schema: ${name}: ${why}`);
}
