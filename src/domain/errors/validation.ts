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

  /**
   * `Attributes did not conform to the schema: <name>: <why>`, every bad attribute on a line of its
   * own (`…: given_name: The attribute is required\nfamily_name: The attribute is required`), as
   * Cognito lists them. The problems come from `schemaProblem` below, in the order found.
   */
  attributesNotConforming: (problems: readonly SchemaProblem[]) =>
    make("InvalidParameterException", `Attributes did not conform to the schema: ${problems.join("\n")}`),

  immutableAttribute: (name: string) =>
    make("InvalidParameterException", `Cannot modify an immutable attribute: ${name}`),
  invalidEmail: () => make("InvalidParameterException", "Invalid email address format."),
  invalidPhoneNumber: () => make("InvalidParameterException", "Invalid phone number format."),
};

/** One line of `attributesNotConforming`: `<name>: <why>`. */
export type SchemaProblem = string & { readonly __schemaProblem: true };
const problem = (name: string, why: string) => `${name}: ${why}` as SchemaProblem;

/** The lines of `attributesNotConforming`, one constructor per why. */
export const schemaProblem = {
  unknownAttribute: (name: string) => problem(name, "Attribute does not exist in the schema."),
  requiredAttribute: (name: string) => problem(name, "The attribute is required"),
  attributeTooLong: (name: string, max: number) =>
    problem(name, `String must be no longer than ${max} characters`),
  notABoolean: (name: string) => problem(name, "Value must be true or false"),
  notANumber: (name: string) => problem(name, "Number expected"),
};
