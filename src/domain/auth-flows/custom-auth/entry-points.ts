import { validateA } from "../../../srp/index.ts";
import type { UserRecord } from "../../../storage/ports.ts";
import type { ChallengeResult } from "../../../triggers/index.ts";
import { errors } from "../../errors/index.ts";
import { lookupForSignIn, reloadForProof } from "../../existence/decoy.ts";
import { existence } from "../../existence/index.ts";
import { assertSecretHash, required } from "../params.ts";
import { screen } from "../screen.ts";
import { invalidSession, type SessionState, takeSession } from "../session.ts";
import { srpCredential } from "../srp-start.ts";
import type { AuthContext, AuthOutcome } from "../types.ts";
import { type Flow, RESPOND, requireTrigger, START } from "./flow.ts";
import { decideNext } from "./steps.ts";

/**
 * CUSTOM_AUTH (docs/triggers.md#custom-authentication): DefineAuthChallenge decides each step from the session history —
 * CUSTOM_CHALLENGE (built by CreateAuthChallenge, answered with ANSWER and checked by
 * VerifyAuthChallengeResponse), PASSWORD_VERIFIER (only when the flow started with
 * `CHALLENGE_NAME: SRP_A`), tokens (`issueTokens`) or `NotAuthorizedException: Incorrect username or
 * password.` (`failAuthentication`). Each step is a single-use session (AuthSessionValidity) holding
 * the history and the private challenge parameters, sealed (../session.ts).
 *
 * Unknown names: LEGACY answers `UserNotFoundException` before any trigger runs; ENABLED runs the
 * three triggers with `userNotFound: true` and never issues tokens (existence rows
 * `InitiateAuth CUSTOM_AUTH` / `RespondToAuthChallenge CUSTOM_CHALLENGE`, docs/existence.md).
 * The steps after screening are in ./steps.ts.
 */

/** InitiateAuth / AdminInitiateAuth with AuthFlow CUSTOM_AUTH. */
export async function startCustomAuth(
  ctx: AuthContext,
  params: Record<string, string>,
): Promise<AuthOutcome> {
  requireTrigger(ctx, "DefineAuthChallenge");
  const typed = required(params, "USERNAME");
  assertSecretHash(ctx.services, ctx.client, typed, params);
  const srpA = params.CHALLENGE_NAME === "SRP_A" ? required(params, "SRP_A") : undefined;
  if (srpA !== undefined && !validateA(srpA)) throw errors.invalidSrpA();

  const found = await lookupForSignIn(ctx.services, ctx.pool, typed);
  const { user } = found;
  const s = await screen(ctx, typed, user, START);
  // Always derived, as SRP step 1 does, so both paths open a credential and derive the fake one.
  const choice = srpCredential(ctx, typed, found, s);
  const real = s.mask ? null : user;
  const flow: Flow = {
    user: real,
    typed,
    username: choice.shownUsername,
    lockKey: s.lockKey,
    state: s.state,
  };
  if (srpA === undefined) return decideNext(ctx, flow, [], null);
  const history: ChallengeResult[] = [{ challengeName: "SRP_A", challengeResult: true }];
  return decideNext(ctx, flow, history, { A: srpA, choice, user });
}

/** RespondToAuthChallenge / AdminRespondToAuthChallenge with CUSTOM_CHALLENGE. */
export async function respondCustomChallenge(
  ctx: AuthContext,
  responses: Record<string, string>,
  sessionId: string | undefined,
): Promise<AuthOutcome> {
  requireTrigger(ctx, "VerifyAuthChallengeResponse");
  const username = required(responses, "USERNAME");
  const answer = required(responses, "ANSWER");
  if (sessionId === undefined) throw invalidSession();
  const state = await takeSession(ctx, sessionId, "CUSTOM_CHALLENGE");
  const custom = state.custom;
  if (!custom || (username !== state.username && username !== state.typed)) throw invalidSession();
  const masked = existence.decideOrThrow(ctx, RESPOND, state.state, ctx.services.probe) === "simulate";
  const user = await reloadForProof(ctx.services, ctx.pool, state.sub);
  if (state.sub !== null && !user)
    existence.decideOrThrow(ctx, RESPOND, "token-user-gone", ctx.services.probe);
  const real = masked ? null : user;

  const verified = await ctx.customAuth.verifyAuthChallengeResponse({
    user: real,
    typed: state.typed,
    privateChallengeParameters: custom.privateChallengeParameters,
    challengeAnswer: answer,
  });
  const result: ChallengeResult = {
    challengeName: "CUSTOM_CHALLENGE",
    challengeResult: verified.answerCorrect === true,
    ...(custom.challengeMetadata !== undefined ? { challengeMetadata: custom.challengeMetadata } : {}),
  };
  const flow: Flow = {
    user: real,
    typed: state.typed,
    username: state.username,
    lockKey: state.lockKey,
    state: state.state,
  };
  return decideNext(ctx, flow, [...custom.history, result], null);
}

/**
 * After a PASSWORD_VERIFIER proof inside a custom flow (../srp-verify.ts hands over here):
 * DefineAuthChallenge is asked again with the proof's success in the history. A failed proof never
 * gets here — it is `Incorrect username or password.` at once, as in USER_SRP_AUTH (decision).
 */
export function continueAfterPassword(
  ctx: AuthContext,
  state: SessionState,
  user: UserRecord,
): Promise<AuthOutcome> {
  const history = [
    ...(state.custom?.history ?? []),
    { challengeName: "PASSWORD_VERIFIER" as const, challengeResult: true },
  ];
  const flow: Flow = {
    user,
    typed: state.typed,
    username: user.username,
    lockKey: state.lockKey,
    state: state.state,
  };
  return decideNext(ctx, flow, history, null);
}
