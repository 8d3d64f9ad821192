import { EXISTENCE_PROFILE_TAG, type ExistenceProfile } from "../../../src/domain/existence/profile.ts";
import { ALL_AUTH_FLOWS, arn, createClient } from "../fixtures.ts";
import { rawCall, type TestServer } from "../server.ts";
import type { PoolKind, Target } from "./pools.ts";

/**
 * The comparison's pools: one per pool kind and profile, tagged `hushpool:existence-profile`, with
 * CUSTOM_AUTH's three triggers and one ENABLED client allowing every flow.
 */
/** CUSTOM_AUTH's three functions, run in-process (`--functions`): one question, answer "42". */
export const CUSTOM_AUTH_FUNCTIONS: Record<string, string> = {
  define: `export const handler = async (event) => {
  const s = event.request.session;
  const last = s[s.length - 1];
  event.response.issueTokens = s.length > 0 && last.challengeResult === true;
  event.response.failAuthentication = !event.response.issueTokens && s.length >= 3;
  if (!event.response.issueTokens && !event.response.failAuthentication) event.response.challengeName = "CUSTOM_CHALLENGE";
  return event;
};`,
  create: `export const handler = async (event) => {
  event.response.publicChallengeParameters = { question: "6 x 7?" };
  event.response.privateChallengeParameters = { answer: "42" };
  event.response.challengeMetadata = "QUESTION";
  return event;
};`,
  verify: `export const handler = async (event) => {
  event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
  return event;
};`,
};

export async function createTarget(
  s: TestServer,
  kind: PoolKind,
  profile: ExistenceProfile,
): Promise<Target> {
  // Raw: the passkey relying party (WebAuthnRelyingPartyID) is not in the SDK's model (docs/passkeys.md#configuration).
  const created = await rawCall(
    s.url,
    "CreateUserPool",
    JSON.stringify({
      PoolName: `compare-${kind.id}-${profile}`,
      ...kind.settings,
      LambdaConfig: {
        DefineAuthChallenge: arn("define"),
        CreateAuthChallenge: arn("create"),
        VerifyAuthChallengeResponse: arn("verify"),
      },
      UserPoolTags: { [EXISTENCE_PROFILE_TAG]: profile },
      // USER_AUTH offers every factor (test/helpers/compare/user-auth-requests.ts).
      Policies: {
        SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"] },
      },
      WebAuthnRelyingPartyID: "localhost",
    }),
  );
  const poolId = (created.json.UserPool as { Id: string }).Id;
  const clientId = await createClient(s, poolId, "ENABLED", {
    ExplicitAuthFlows: [...ALL_AUTH_FLOWS, "ALLOW_USER_AUTH"],
  });
  return { kind, profile, poolId, clientId };
}
