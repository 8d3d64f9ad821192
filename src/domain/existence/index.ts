/**
 * The existence policy (PreventUserExistenceErrors), decided in one place: a table per operation and
 * user state giving the LEGACY and the ENABLED answer (docs/existence.md). Usage in an operation:
 *
 *   const state = forgotPasswordState(user, plan.real !== null);
 *   const next = existence.decideOrThrow(client, "ForgotPassword", state, services.probe);
 *   // next is "proceed" or "simulate"; the probe sees every decision (src/probe.ts)
 *
 * Rows for sign-in live in ./auth-rows.ts.
 */
import { decide, decideOrThrow, modeOf } from "./decide.ts";
import { existenceRows, rowFor } from "./table.ts";

export { fail, PROCEED, SIMULATE, same } from "./answers.ts";
export {
  adminResetState,
  CLASSIFIED_STATES,
  codeEntryState,
  forgotPasswordState,
  resendState,
  signUpState,
  statusState,
} from "./classify.ts";
export type { Decision } from "./decide.ts";
export { existenceRows, hasRow, rowFor } from "./table.ts";
export type * from "./types.ts";

export const existence = { decide, decideOrThrow, modeOf, rowFor, rows: existenceRows };
