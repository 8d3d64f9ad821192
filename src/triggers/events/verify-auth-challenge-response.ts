import { z } from "zod";
import type { EnvelopeInput, StringMap, TriggerEnvelope } from "./common.ts";
import { envelope } from "./common.ts";
import type { CustomAuthRequestBase } from "./custom-auth.ts";
import { optional, responseShape } from "./shape.ts";

/** VerifyAuthChallengeResponse (docs/triggers.md#custom-authentication): checks the user's ANSWER against the private parameters. */
export type VerifyAuthChallengeResponseSource = "VerifyAuthChallengeResponse_Authentication";

export interface VerifyAuthChallengeResponseRequest extends CustomAuthRequestBase {
  privateChallengeParameters: StringMap;
  challengeAnswer: string;
}

export interface VerifyAuthChallengeResponseResponse {
  answerCorrect?: boolean | null;
}

export type VerifyAuthChallengeResponseEvent = TriggerEnvelope<
  VerifyAuthChallengeResponseSource,
  VerifyAuthChallengeResponseRequest,
  VerifyAuthChallengeResponseResponse
>;

export const verifyAuthChallengeResponseResponse = responseShape({ answerCorrect: optional(z.boolean()) });

export function verifyAuthChallengeResponseEvent(
  input: EnvelopeInput,
  request: VerifyAuthChallengeResponseRequest,
) {
  return envelope(input, "VerifyAuthChallengeResponse_Authentication", request, {
    answerCorrect: null,
  }) satisfies VerifyAuthChallengeResponseEvent;
}
