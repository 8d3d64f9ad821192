import type { ChallengeResult } from "../../../triggers/index.ts";
import { triggerErrors } from "../../../triggers/index.ts";
import { errors } from "../../errors/index.ts";
import { afterPasswordVerified } from "../next-step.ts";
import { putSession, type SessionState } from "../session.ts";
import { passwordVerifierChallenge, type SrpStart } from "../srp-start.ts";
import type { AuthContext, AuthOutcome } from "../types.ts";
import { type Flow, refuse, requireTrigger } from "./flow.ts";

/** The steps of a CUSTOM_AUTH sign-in after the request is screened (./entry-points.ts). */

/** Runs DefineAuthChallenge on the history and does what it says. */
export async function decideNext(
  ctx: AuthContext,
  flow: Flow,
  history: ChallengeResult[],
  srp: SrpStart | null,
): Promise<AuthOutcome> {
  requireTrigger(ctx, "DefineAuthChallenge");
  const r = await ctx.customAuth.defineAuthChallenge({
    user: flow.user,
    typed: flow.typed,
    session: history,
  });
  if (r.failAuthentication === true) return refuse(ctx, "wrong-password");
  if (r.issueTokens === true) {
    // An unknown or masked name never gets tokens, whatever the function says.
    if (!flow.user) return refuse(ctx, "wrong-password");
    return afterPasswordVerified(ctx, flow.user, flow.typed, flow.lockKey);
  }
  if (r.challengeName === "CUSTOM_CHALLENGE") return createChallenge(ctx, flow, history);
  if (r.challengeName === "PASSWORD_VERIFIER") {
    if (!srp) throw errors.missingParameter("SRP_A");
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
  requireTrigger(ctx, "CreateAuthChallenge");
  const r = await ctx.customAuth.createAuthChallenge({
    user: flow.user,
    typed: flow.typed,
    challengeName: "CUSTOM_CHALLENGE",
    session: history,
  });
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
 * PASSWORD_VERIFIER inside CUSTOM_AUTH: SRP step 1 (../srp-start.ts, the same function USER_SRP_AUTH
 * runs) on the SRP_A of the InitiateAuth request and the credential chosen there (the fake one for an
 * unknown or masked name). The answer is checked by ../srp-verify.ts, which hands a proven session
 * back to `continueAfterPassword`.
 */
function passwordVerifier(
  ctx: AuthContext,
  flow: Flow,
  history: ChallengeResult[],
  srp: SrpStart,
): Promise<AuthOutcome> {
  return passwordVerifierChallenge(ctx, srp, flow, { custom: { history, privateChallengeParameters: {} } });
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
