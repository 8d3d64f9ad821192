/**
 * The existence policy (PreventUserExistenceErrors), decided in one place: a table per operation and
 * user state giving the LEGACY and the ENABLED answer of the `cognito` profile and, where it differs,
 * the `strict` profile's answer (docs/existence.md). Usage in an operation:
 *
 *   const asker = existence.askerFor(client, pool, services.config.existenceProfile);
 *   const state = forgotPasswordState(user, plan.real !== null);
 *   const next = existence.decideOrThrow(asker, "ForgotPassword", state, services.probe);
 *   // next is "proceed" or "simulate"; the probe sees every decision (src/probe.ts)
 *
 * Rows for sign-in live in ./auth-rows.ts.
 */
import { answerOf, askerFor, decide, decideOrThrow, modeOf } from "./decide.ts";
import { existenceRows, rowFor } from "./table.ts";

export { fail, PROCEED, SIMULATE, same } from "./answers.ts";
export {
  adminResetState,
  CLASSIFIED_STATES,
  codeEntryState,
  forgotPasswordState,
  OUTCOME_STATES,
  resendState,
  signUpState,
  statusState,
} from "./classify.ts";
export type { Decision } from "./decide.ts";
export {
  assertProfileTag,
  EXISTENCE_PROFILE_TAG,
  EXISTENCE_PROFILES,
  isExistenceProfile,
  profileOf,
} from "./profile.ts";
export { existenceRows, hasRow, rowFor } from "./table.ts";
export { isTimeFloored } from "./time-floor.ts";
export type * from "./types.ts";

export const existence = { answerOf, askerFor, decide, decideOrThrow, modeOf, rowFor, rows: existenceRows };
