import { errors } from "../../protocol/errors.ts";
import { invalidSession } from "./session.ts";
import type { AuthContext, AuthOutcome } from "./types.ts";

/**
 * The seam for CUSTOM_AUTH (spec E.3). TODO(issue 5): CUSTOM_AUTH with the DefineAuthChallenge /
 * CreateAuthChallenge / VerifyAuthChallengeResponse triggers plugs in here:
 * - `customAuthStart` runs DefineAuthChallenge (with `userNotFound` under ENABLED, reusing
 *   ./screen.ts for the unknown-name answer and lockout) and, for `CHALLENGE_NAME: SRP_A`, hands over
 *   to ./srp-start.ts; otherwise CreateAuthChallenge and a CUSTOM_CHALLENGE with a Session
 *   (./session.ts, `challenge: "CUSTOM_CHALLENGE"`);
 * - `customChallengeRespond` runs VerifyAuthChallengeResponse, then DefineAuthChallenge again, and ends
 *   in ./tokens.ts `issueTokens` or the next challenge. The state machine (./machine.ts) already
 *   routes CUSTOM_AUTH and CUSTOM_CHALLENGE here.
 * Until then a pool has no way to configure the triggers, which is Cognito's answer below (spec A.0).
 */
export async function customAuthStart(
  _ctx: AuthContext,
  _params: Record<string, string>,
): Promise<AuthOutcome> {
  throw errors.invalidParameter("Custom auth lambda trigger is not configured for the user pool.");
}

export async function customChallengeRespond(
  _ctx: AuthContext,
  _responses: Record<string, string>,
  _session: string | undefined,
): Promise<AuthOutcome> {
  // No CUSTOM_CHALLENGE session can have been issued yet.
  throw invalidSession();
}
