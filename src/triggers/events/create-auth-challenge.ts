import { z } from "zod";
import type { EnvelopeInput, StringMap, TriggerEnvelope } from "./common.ts";
import { envelope } from "./common.ts";
import type { ChallengeResult, CustomAuthRequestBase } from "./custom-auth.ts";
import { optional, responseShape, stringMap } from "./shape.ts";

/**
 * CreateAuthChallenge (docs/triggers.md#custom-authentication): builds the CUSTOM_CHALLENGE that Define asked for. The public
 * parameters go to the client as ChallengeParameters; the private ones go to Verify only.
 */
export type CreateAuthChallengeSource = "CreateAuthChallenge_Authentication";

export interface CreateAuthChallengeRequest extends CustomAuthRequestBase {
  challengeName: string;
  session: ChallengeResult[];
}

export interface CreateAuthChallengeResponse {
  publicChallengeParameters?: StringMap | null;
  privateChallengeParameters?: StringMap | null;
  challengeMetadata?: string | null;
}

export type CreateAuthChallengeEvent = TriggerEnvelope<
  CreateAuthChallengeSource,
  CreateAuthChallengeRequest,
  CreateAuthChallengeResponse
>;

export const createAuthChallengeResponse = responseShape({
  publicChallengeParameters: optional(stringMap),
  privateChallengeParameters: optional(stringMap),
  challengeMetadata: optional(z.string()),
});

export function createAuthChallengeEvent(input: EnvelopeInput, request: CreateAuthChallengeRequest) {
  const response: CreateAuthChallengeResponse = {
    publicChallengeParameters: null,
    privateChallengeParameters: null,
    challengeMetadata: null,
  };
  return envelope(
    input,
    "CreateAuthChallenge_Authentication",
    request,
    response,
  ) satisfies CreateAuthChallengeEvent;
}
