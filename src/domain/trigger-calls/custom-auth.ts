import { errors } from "../../protocol/errors.ts";
import { startServerSession, validateA } from "../../srp/index.ts";
import type { UserRecord } from "../../storage/ports.ts";
import type { ChallengeResult, StringMap, TriggerRunner } from "../../triggers/index.ts";
import {
  createAuthChallengeEvent,
  defineAuthChallengeEvent,
  triggerErrors,
  verifyAuthChallengeResponseEvent,
} from "../../triggers/index.ts";
import { lookupForSignIn, reloadForProof } from "../auth-flows/decoy.ts";
import { afterPasswordVerified } from "../auth-flows/next-step.ts";
import { assertSecretHash, required } from "../auth-flows/params.ts";
import { screen } from "../auth-flows/screen.ts";
import { sealSecretBlock } from "../auth-flows/secret-block.ts";
import { invalidSession, putSession, type SessionState, takeSession } from "../auth-flows/session.ts";
import type { AuthContext, AuthOutcome } from "../auth-flows/types.ts";
import { credentialPair, srpWork } from "../auth-flows/work.ts";
import { existence, type UserState } from "../existence/index.ts";
import { envelopeFor, eventAttributes, runnerFor } from "./envelope.ts";

/**
 * CUSTOM_AUTH (spec E.3): DefineAuthChallenge decides each step from the session history —
 * CUSTOM_CHALLENGE (built by CreateAuthChallenge, answered with ANSWER and checked by
 * VerifyAuthChallengeResponse), PASSWORD_VERIFIER (only when the flow started with
 * `CHALLENGE_NAME: SRP_A`), tokens (`issueTokens`) or `NotAuthorizedException: Incorrect username or
 * password.` (`failAuthentication`). Each step is a single-use session (AuthSessionValidity) holding
 * the history and the private challenge parameters, sealed (../auth-flows/session.ts).
 *
 * Unknown names: LEGACY answers `UserNotFoundException` before any trigger runs; ENABLED runs the
 * three triggers with `userNotFound: true` and never issues tokens (existence rows
 * `InitiateAuth CUSTOM_AUTH` / `RespondToAuthChallenge CUSTOM_CHALLENGE`, docs/existence.md).
 */
export const START = "InitiateAuth CUSTOM_AUTH";
export const RESPOND = "RespondToAuthChallenge CUSTOM_CHALLENGE";

/** The custom-auth part of a challenge session (../auth-flows/session.ts `custom`). */
export interface CustomAuthState {
  history: ChallengeResult[];
  /** CreateAuthChallenge's private parameters for the CUSTOM_CHALLENGE now open. */
  privateChallengeParameters: StringMap;
  challengeMetadata?: string;
}

/** One sign-in's custom flow, between triggers. `user` is null when the name is unknown or masked. */
interface Flow {
  user: UserRecord | null;
  typed: string;
  /** The USERNAME the client sees: the internal username, or the simulated one (SRP step 1's). */
  username: string;
  lockKey: string;
  state: UserState;
}

const notConfigured = () =>
  errors.invalidParameter("Custom auth lambda trigger is not configured for the user pool.");

function runnerWith(ctx: AuthContext, trigger: Parameters<TriggerRunner["has"]>[0]): TriggerRunner {
  const runner = runnerFor(ctx.services, ctx.pool);
  if (!runner.has(trigger)) throw notConfigured();
  return runner;
}

/** InitiateAuth / AdminInitiateAuth with AuthFlow CUSTOM_AUTH. */
export async function startCustomAuth(
  ctx: AuthContext,
  params: Record<string, string>,
): Promise<AuthOutcome> {
  runnerWith(ctx, "DefineAuthChallenge");
  const typed = required(params, "USERNAME");
  assertSecretHash(ctx.services, ctx.client, typed, params);
  const srpA = params.CHALLENGE_NAME === "SRP_A" ? required(params, "SRP_A") : undefined;
  if (srpA !== undefined && !validateA(srpA)) throw errors.invalidParameter("Invalid SRP_A value.");
  const { services, pool } = ctx;

  const { user, decoy } = await lookupForSignIn(services, pool, typed);
  const s = await screen(ctx, typed, user, START);
  // Always derived, as SRP step 1 does, so both paths open a credential and derive the fake one.
  const choice = credentialPair(services, pool, s.typedKey, user, s.mask, decoy);
  const real = s.mask ? null : user;
  const flow: Flow = {
    user: real,
    typed,
    username: real ? real.username : choice.userIdForSrp,
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
  const runner = runnerWith(ctx, "VerifyAuthChallengeResponse");
  const username = required(responses, "USERNAME");
  const answer = required(responses, "ANSWER");
  if (sessionId === undefined) throw invalidSession();
  const state = await takeSession(ctx, sessionId, "CUSTOM_CHALLENGE");
  const custom = state.custom;
  if (!custom || (username !== state.username && username !== state.typed)) throw invalidSession();
  const masked = existence.decideOrThrow(ctx.client, RESPOND, state.state) === "simulate";
  const user = await reloadForProof(ctx.services, ctx.pool, state.sub);
  if (state.sub !== null && !user) existence.decideOrThrow(ctx.client, RESPOND, "token-user-gone");
  const real = masked ? null : user;

  const verified = await runner.run(
    "VerifyAuthChallengeResponse",
    verifyAuthChallengeResponseEvent(
      envelopeFor(ctx.services, ctx.pool, real?.username ?? state.typed, ctx.client.clientId),
      {
        ...subjectOf(ctx, real),
        privateChallengeParameters: custom.privateChallengeParameters,
        challengeAnswer: answer,
        clientMetadata: ctx.clientMetadata,
      },
    ),
  );
  const result: ChallengeResult = {
    challengeName: "CUSTOM_CHALLENGE",
    challengeResult: verified.response.answerCorrect === true,
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
 * After a PASSWORD_VERIFIER proof inside a custom flow (../auth-flows/srp-verify.ts hands over here):
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

/** `userAttributes` and, under ENABLED only, `userNotFound` (spec E.3). */
function subjectOf(
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
const metadataOf = (ctx: AuthContext): StringMap | null =>
  ctx.api === "InitiateAuth" || ctx.api === "AdminInitiateAuth" ? null : ctx.clientMetadata;

interface SrpStart {
  A: string;
  choice: ReturnType<typeof credentialPair>;
  user: UserRecord | null;
}

/** Runs DefineAuthChallenge on the history and does what it says. */
async function decideNext(
  ctx: AuthContext,
  flow: Flow,
  history: ChallengeResult[],
  srp: SrpStart | null,
): Promise<AuthOutcome> {
  const runner = runnerWith(ctx, "DefineAuthChallenge");
  const env = envelopeFor(ctx.services, ctx.pool, flow.user?.username ?? flow.typed, ctx.client.clientId);
  const defined = await runner.run(
    "DefineAuthChallenge",
    defineAuthChallengeEvent(env, {
      ...subjectOf(ctx, flow.user),
      session: history,
      clientMetadata: metadataOf(ctx),
    }),
  );
  const r = defined.response;
  if (r.failAuthentication === true) return refuse(ctx, "wrong-password");
  if (r.issueTokens === true) {
    // An unknown or masked name never gets tokens, whatever the function says.
    if (!flow.user) return refuse(ctx, "wrong-password");
    return afterPasswordVerified(ctx, flow.user, flow.typed, flow.lockKey);
  }
  if (r.challengeName === "CUSTOM_CHALLENGE") return createChallenge(ctx, flow, history);
  if (r.challengeName === "PASSWORD_VERIFIER") {
    if (!srp) throw errors.invalidParameter("Missing required parameter SRP_A");
    return passwordVerifier(ctx, flow, history, srp);
  }
  ctx.services.log.warn(
    { trigger: "DefineAuthChallenge", challengeName: r.challengeName ?? null },
    `DefineAuthChallenge function returned ${r.challengeName ? `challengeName ${r.challengeName}, which this server does not run` : "neither challengeName, issueTokens nor failAuthentication"}; answering InvalidLambdaResponseException: Unrecognizable lambda output (supported: CUSTOM_CHALLENGE, PASSWORD_VERIFIER after SRP_A)`,
  );
  throw triggerErrors.unrecognizable();
}

/** CreateAuthChallenge builds the CUSTOM_CHALLENGE; its public parameters (+ USERNAME) go to the client. */
async function createChallenge(
  ctx: AuthContext,
  flow: Flow,
  history: ChallengeResult[],
): Promise<AuthOutcome> {
  const runner = runnerWith(ctx, "CreateAuthChallenge");
  const env = envelopeFor(ctx.services, ctx.pool, flow.user?.username ?? flow.typed, ctx.client.clientId);
  const created = await runner.run(
    "CreateAuthChallenge",
    createAuthChallengeEvent(env, {
      ...subjectOf(ctx, flow.user),
      challengeName: "CUSTOM_CHALLENGE",
      session: history,
      clientMetadata: metadataOf(ctx),
    }),
  );
  const r = created.response;
  const session = await putSession(ctx, {
    ...sessionBase(ctx, flow, "CUSTOM_CHALLENGE"),
    custom: {
      history,
      privateChallengeParameters: r.privateChallengeParameters ?? {},
      ...(r.challengeMetadata !== undefined && r.challengeMetadata !== null
        ? { challengeMetadata: r.challengeMetadata }
        : {}),
    },
  });
  return {
    kind: "challenge",
    name: "CUSTOM_CHALLENGE",
    session,
    parameters: { ...(r.publicChallengeParameters ?? {}), USERNAME: flow.username },
  };
}

/**
 * PASSWORD_VERIFIER inside CUSTOM_AUTH: SRP step 1 on the SRP_A of the InitiateAuth request, with the
 * same credential choice as USER_SRP_AUTH (the fake one for an unknown or masked name). The answer is
 * checked by ../auth-flows/srp-verify.ts, which hands a proven session back to `continueAfterPassword`.
 */
async function passwordVerifier(
  ctx: AuthContext,
  flow: Flow,
  history: ChallengeResult[],
  srp: SrpStart,
): Promise<AuthOutcome> {
  const { choice } = srp;
  const { b, B } = srpWork(() => startServerSession(choice.verifier));
  const sessionId = await putSession(ctx, {
    ...sessionBase(ctx, flow, "PASSWORD_VERIFIER"),
    sub: choice.simulated || !srp.user ? null : srp.user.sub,
    username: choice.userIdForSrp,
    srp: { A: srp.A, B, b, verifier: choice.verifier, userIdForSrp: choice.userIdForSrp },
    custom: { history, privateChallengeParameters: {} },
  });
  return {
    kind: "challenge",
    name: "PASSWORD_VERIFIER",
    parameters: {
      SALT: choice.salt,
      SECRET_BLOCK: sealSecretBlock(ctx.services.box, sessionId, ctx.pool.id, ctx.client.clientId),
      SRP_B: B,
      USERNAME: choice.userIdForSrp,
      USER_ID_FOR_SRP: choice.userIdForSrp,
    },
  };
}

function sessionBase(ctx: AuthContext, flow: Flow, challenge: SessionState["challenge"]): SessionState {
  return {
    challenge,
    poolId: ctx.pool.id,
    clientId: ctx.client.clientId,
    sub: flow.user?.sub ?? null,
    username: flow.username,
    typed: flow.typed,
    lockKey: flow.lockKey,
    state: flow.state,
    issuedAt: ctx.now,
  };
}

/** The custom rows' answer for an outcome (always a refusal). */
function refuse(ctx: AuthContext, state: UserState): never {
  const operation = ctx.api === "InitiateAuth" || ctx.api === "AdminInitiateAuth" ? START : RESPOND;
  existence.decideOrThrow(ctx.client, operation, state);
  throw new Error(`existence table: ${operation} / ${state} should refuse`);
}
