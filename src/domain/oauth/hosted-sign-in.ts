import {
  type AuthContext,
  type AuthOutcome,
  hostedSignIn,
  respondToChallenge,
  startAuth,
} from "../auth-flows/index.ts";
import { pageSrpProof, pageSrpStart } from "./page-srp.ts";

/**
 * The sign-in behind the managed-login page's username and password (docs/oauth.md#the-pages-use-the-apis-code),
 * always the API's own flow in a `hosted` context:
 *
 * - USER_PASSWORD_AUTH, whatever the client's ExplicitAuthFlows, as Cognito's hosted pages sign in
 *   regardless of them — then MFA, NEW_PASSWORD_REQUIRED and the rest as the API continues;
 * - CUSTOM_AUTH beginning with SRP_A, when the pool has a DefineAuthChallenge trigger and the client
 *   lists ALLOW_CUSTOM_AUTH (decision, docs/oauth.md#sign-in-steps): the page answers
 *   PASSWORD_VERIFIER itself with the typed password, and the custom challenges that follow get a
 *   page each (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html).
 *
 * Which of the two runs depends on the pool and the client only, never on the name, so an unknown
 * name goes down the same path as a known one and gets the API's answer for it.
 * `respondCtx` builds the context of a RespondToAuthChallenge step (PASSWORD_VERIFIER);
 * `secretHash(username)` adds SECRET_HASH for clients with a secret.
 */
export function usesCustomFlow(ctx: AuthContext): boolean {
  return (
    ctx.customAuth.has("DefineAuthChallenge") &&
    ctx.clientConfig.ExplicitAuthFlows.includes("ALLOW_CUSTOM_AUTH")
  );
}

export async function hostedPasswordSignIn(
  ctx: AuthContext,
  respondCtx: () => AuthContext,
  username: string,
  password: string,
  secretHash: (username: string) => Record<string, string>,
): Promise<AuthOutcome> {
  if (!usesCustomFlow(ctx))
    return hostedSignIn(ctx, { USERNAME: username, PASSWORD: password, ...secretHash(username) });
  const start = pageSrpStart();
  const first = await startAuth(ctx, "CUSTOM_AUTH", {
    USERNAME: username,
    CHALLENGE_NAME: "SRP_A",
    SRP_A: start.srpA,
    ...secretHash(username),
  });
  if (first.kind !== "challenge" || first.name !== "PASSWORD_VERIFIER") return first;
  const proof = pageSrpProof(ctx.pool.id, start, first.parameters, password, ctx.now);
  return respondToChallenge(
    respondCtx(),
    "PASSWORD_VERIFIER",
    { ...proof, ...secretHash(proof.USERNAME ?? "") },
    first.session,
  );
}
