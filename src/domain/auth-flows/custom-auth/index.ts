import type { AuthContext, AuthOutcome } from "../types.ts";
import { respondCustomChallenge, startCustomAuth } from "./entry-points.ts";

/**
 * The seam for CUSTOM_AUTH (docs/triggers.md#custom-authentication): the state machine (../machine.ts) routes CUSTOM_AUTH and
 * CUSTOM_CHALLENGE here, and the flow with the DefineAuthChallenge / CreateAuthChallenge /
 * VerifyAuthChallengeResponse triggers lives in ./entry-points.ts (docs/triggers.md).
 * A pool without DefineAuthChallenge answers `InvalidParameterException: Custom auth lambda trigger is
 * not configured for the user pool.` (docs/errors.md).
 */
export function customAuthStart(ctx: AuthContext, params: Record<string, string>): Promise<AuthOutcome> {
  return startCustomAuth(ctx, params);
}

export function customChallengeRespond(
  ctx: AuthContext,
  responses: Record<string, string>,
  session: string | undefined,
): Promise<AuthOutcome> {
  return respondCustomChallenge(ctx, responses, session);
}
