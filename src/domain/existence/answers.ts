import type { CognitoError } from "../errors/index.ts";
import type { Answer } from "./types.ts";

/** Building blocks for table rows. */
export const PROCEED: Answer = { kind: "proceed" };
export const SIMULATE: Answer = { kind: "simulate" };

/**
 * Fail with the catalogue error `error` makes (e.g. `fail(errors.userNotFound)`). Its type and
 * message are read once here, for the documentation table and the table's own tests.
 */
export const fail = (error: () => CognitoError): Answer => {
  const { type, message } = error();
  return { kind: "fail", error, type, message };
};

/** A row whose answer does not depend on the mode: `{ ...same(answer) }`. */
export const same = (answer: Answer): { legacy: Answer; enabled: Answer } => ({
  legacy: answer,
  enabled: answer,
});
