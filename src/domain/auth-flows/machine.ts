import { errors } from "../errors/index.ts";
import { customAuthStart, customChallengeRespond } from "./custom-auth/index.ts";
import { respondNewPassword } from "./new-password.ts";
import { assertFlow, assertSecretHash, required } from "./params.ts";
import { passwordFlow } from "./password.ts";
import { refreshFlow } from "./refresh.ts";
import { invalidSession } from "./session.ts";
import { srpStart } from "./srp-start.ts";
import { srpVerify } from "./srp-verify.ts";
import type { AuthContext, AuthFlow, AuthOutcome, ChallengeName } from "./types.ts";

type FlowStep = (ctx: AuthContext, params: Record<string, string>) => Promise<AuthOutcome>;
type ChallengeStep = (
  ctx: AuthContext,
  responses: Record<string, string>,
  session: string | undefined,
) => Promise<AuthOutcome>;

/**
 * The sign-in state machine. A flow starts with InitiateAuth/AdminInitiateAuth and ends in tokens or
 * a challenge; each challenge is answered with RespondToAuthChallenge and again ends in tokens or the
 * next challenge:
 *
 *   USER_PASSWORD_AUTH ───────────────┐
 *   USER_SRP_AUTH → PASSWORD_VERIFIER ─┴→ afterPasswordVerified ─┬→ tokens
 *                                                                 └→ NEW_PASSWORD_REQUIRED → tokens
 *   REFRESH_TOKEN_AUTH / REFRESH_TOKEN → tokens
 *   CUSTOM_AUTH → (docs/triggers.md) CUSTOM_CHALLENGE …
 */
const FLOWS: Partial<Record<AuthFlow, FlowStep>> = {
  USER_PASSWORD_AUTH: passwordFlow,
  ADMIN_USER_PASSWORD_AUTH: passwordFlow,
  ADMIN_NO_SRP_AUTH: passwordFlow,
  USER_SRP_AUTH: srpStart,
  REFRESH_TOKEN_AUTH: refreshFlow,
  REFRESH_TOKEN: refreshFlow,
  CUSTOM_AUTH: customAuthStart,
};

const CHALLENGES: Partial<Record<ChallengeName, ChallengeStep>> = {
  PASSWORD_VERIFIER: (ctx, responses) => srpVerify(ctx, responses),
  NEW_PASSWORD_REQUIRED: respondNewPassword,
  CUSTOM_CHALLENGE: customChallengeRespond,
};

export async function startAuth(
  ctx: AuthContext,
  flow: AuthFlow,
  params: Record<string, string>,
): Promise<AuthOutcome> {
  assertFlow(ctx.api, ctx.clientConfig, flow);
  const step = FLOWS[flow];
  // USER_AUTH (choice-based sign-in) is accepted by the model but not implemented (docs/authentication.md).
  if (!step) throw errors.flowNotSupported(flow);
  return step(ctx, params);
}

/**
 * Every challenge response names USERNAME and, for clients with a secret, a SECRET_HASH over it
 * (docs/operations.md#respondtoauthchallenge, docs/srp.md#secret_hash). A challenge this server never issues can have no valid session.
 */
export async function respondToChallenge(
  ctx: AuthContext,
  name: ChallengeName,
  responses: Record<string, string>,
  session: string | undefined,
): Promise<AuthOutcome> {
  const username = required(responses, "USERNAME");
  assertSecretHash(ctx.services, ctx.client, username, responses);
  const step = CHALLENGES[name];
  if (!step) throw invalidSession();
  return step(ctx, responses, session);
}

/**
 * The managed-login page's sign-in (docs/oauth.md#the-pages-use-the-apis-code): the USER_PASSWORD_AUTH
 * flow itself — lookups, existence answers, lockout, triggers, equal work — whatever the client's
 * ExplicitAuthFlows say, as Cognito's hosted pages sign in regardless of them. The context is
 * `hosted`, so success ends in `signed-in` rather than tokens.
 */
export async function hostedSignIn(ctx: AuthContext, params: Record<string, string>): Promise<AuthOutcome> {
  if (!ctx.hosted) throw new Error("hostedSignIn needs a hosted context");
  return passwordFlow(ctx, params);
}
