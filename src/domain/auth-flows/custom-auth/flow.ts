import type { UserRecord } from "../../../storage/ports.ts";
import type { ChallengeResult, StringMap } from "../../../triggers/index.ts";
import { errors } from "../../errors/index.ts";
import { existence, type UserState } from "../../existence/index.ts";
import type { CustomAuthTrigger } from "../hooks.ts";
import type { AuthContext } from "../types.ts";

/** What the CUSTOM_AUTH files share (./entry-points.ts, ./steps.ts). */

/** The existence-table operations of custom auth (../../existence/auth-rows.ts); Admin twins share them. */
export const START = "InitiateAuth CUSTOM_AUTH";
export const RESPOND = "RespondToAuthChallenge CUSTOM_CHALLENGE";

/** The custom-auth part of a challenge session (../session.ts `custom`). */
export interface CustomAuthState {
  history: ChallengeResult[];
  /** CreateAuthChallenge's private parameters for the CUSTOM_CHALLENGE now open. */
  privateChallengeParameters: StringMap;
  challengeMetadata?: string;
}

/** One sign-in's custom flow, between triggers. `user` is null when the name is unknown or masked. */
export interface Flow {
  user: UserRecord | null;
  typed: string;
  /** The USERNAME the client sees: the internal username, or the simulated one (SRP step 1's). */
  username: string;
  lockKey: string;
  state: UserState;
}

const notConfigured = () => errors.customAuthNotConfigured();

/**
 * Asked before each trigger call, and first of all in each entry point, so a pool without the
 * trigger is refused before any work (the calls themselves are ctx.customAuth, ../hooks.ts).
 */
export function requireTrigger(ctx: AuthContext, trigger: CustomAuthTrigger): void {
  if (!ctx.customAuth.has(trigger)) throw notConfigured();
}

/** The custom rows' answer for an outcome (always a refusal). */
export function refuse(ctx: AuthContext, state: UserState): never {
  const operation = ctx.api === "InitiateAuth" || ctx.api === "AdminInitiateAuth" ? START : RESPOND;
  existence.decideOrThrow(ctx, operation, state, ctx.services.probe);
  throw new Error(`existence table: ${operation} / ${state} should refuse`);
}
