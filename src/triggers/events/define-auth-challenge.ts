import { z } from "zod";
import type { EnvelopeInput, TriggerEnvelope } from "./common.ts";
import { envelope } from "./common.ts";
import type { ChallengeResult, CustomAuthRequestBase } from "./custom-auth.ts";
import { optional, responseShape } from "./shape.ts";

/**
 * DefineAuthChallenge (docs/triggers.md#custom-authentication): decides the next step of a CUSTOM_AUTH sign-in from the session
 * history — another challenge (`challengeName`), tokens (`issueTokens`) or failure
 * (`failAuthentication`, reported as `NotAuthorizedException`).
 */
export type DefineAuthChallengeSource = "DefineAuthChallenge_Authentication";

export interface DefineAuthChallengeRequest extends CustomAuthRequestBase {
  session: ChallengeResult[];
}

export interface DefineAuthChallengeResponse {
  challengeName?: string | null;
  issueTokens?: boolean | null;
  failAuthentication?: boolean | null;
}

export type DefineAuthChallengeEvent = TriggerEnvelope<
  DefineAuthChallengeSource,
  DefineAuthChallengeRequest,
  DefineAuthChallengeResponse
>;

export const defineAuthChallengeResponse = responseShape({
  challengeName: optional(z.string()),
  issueTokens: optional(z.boolean()),
  failAuthentication: optional(z.boolean()),
});

export function defineAuthChallengeEvent(input: EnvelopeInput, request: DefineAuthChallengeRequest) {
  const response: DefineAuthChallengeResponse = {
    challengeName: null,
    issueTokens: null,
    failAuthentication: null,
  };
  return envelope(
    input,
    "DefineAuthChallenge_Authentication",
    request,
    response,
  ) satisfies DefineAuthChallengeEvent;
}
