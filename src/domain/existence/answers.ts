import type { ExceptionName } from "../errors/catalogue.ts";
import type { Answer } from "./types.ts";

/** Building blocks for table rows. */
export const PROCEED: Answer = { kind: "proceed" };
export const SIMULATE: Answer = { kind: "simulate" };
export const fail = (type: ExceptionName, message: string): Answer => ({ kind: "fail", type, message });

/** A row whose answer does not depend on the mode: `{ ...same(answer) }`. */
export const same = (answer: Answer): { legacy: Answer; enabled: Answer } => ({
  legacy: answer,
  enabled: answer,
});
