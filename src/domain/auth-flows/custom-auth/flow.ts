import type { UserRecord } from "../../../storage/ports.ts";
import type { ChallengeResult, StringMap, TriggerRunner } from "../../../triggers/index.ts";
import { errors } from "../../errors/index.ts";
import { existence, type UserState } from "../../existence/index.ts";
import { eventAttributes, runnerFor } from "../../trigger-calls/envelope.ts";
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

export function runnerWith(ctx: AuthContext, trigger: Parameters<TriggerRunner["has"]>[0]): TriggerRunner {
  const runner = runnerFor(ctx.services, ctx.pool);
  if (!runner.has(trigger)) throw notConfigured();
  return runner;
}

/** `userAttributes` and, under ENABLED only, `userNotFound` (spec E.3). */
export function subjectOf(
  ctx: AuthContext,
  user: UserRecord | null,
): { userAttributes: StringMap; userNotFound?: boolean } {
  const enabled = existence.modeOf(ctx.client) === "ENABLED";
  return {
    userAttributes: user ? eventAttributes(ctx.pool, user) : {},
    ...(enabled ? { userNotFound: user === null } : {}),
  };
}

/**
 * ClientMetadata reaches the custom-auth triggers from RespondToAuthChallenge only, not from
 * InitiateAuth (spec E.3, AWS "Define auth challenge Lambda trigger").
 */
export const metadataOf = (ctx: AuthContext): StringMap | null =>
  ctx.api === "InitiateAuth" || ctx.api === "AdminInitiateAuth" ? null : ctx.clientMetadata;

/** The custom rows' answer for an outcome (always a refusal). */
export function refuse(ctx: AuthContext, state: UserState): never {
  const operation = ctx.api === "InitiateAuth" || ctx.api === "AdminInitiateAuth" ? START : RESPOND;
  existence.decideOrThrow(ctx.client, operation, state);
  throw new Error(`existence table: ${operation} / ${state} should refuse`);
}
