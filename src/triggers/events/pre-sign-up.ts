import { z } from "zod";
import type { EnvelopeInput, StringMap, TriggerEnvelope } from "./common.ts";
import { envelope } from "./common.ts";
import { optional, responseShape } from "./shape.ts";

/** PreSignUp (docs/triggers.md#presignup; AWS "Pre sign-up Lambda trigger"). Rejecting a sign-up means throwing. */
export type PreSignUpSource = "PreSignUp_SignUp" | "PreSignUp_AdminCreateUser" | "PreSignUp_ExternalProvider";

export interface PreSignUpRequest {
  userAttributes: StringMap;
  validationData?: StringMap | null;
  clientMetadata?: StringMap | null;
}

/** Ignored by Cognito for `PreSignUp_AdminCreateUser` (docs/triggers.md#presignup). */
export interface PreSignUpResponse {
  autoConfirmUser?: boolean | null;
  autoVerifyEmail?: boolean | null;
  autoVerifyPhone?: boolean | null;
}

export type PreSignUpEvent = TriggerEnvelope<PreSignUpSource, PreSignUpRequest, PreSignUpResponse>;

export const preSignUpResponse = responseShape({
  autoConfirmUser: optional(z.boolean()),
  autoVerifyEmail: optional(z.boolean()),
  autoVerifyPhone: optional(z.boolean()),
});

/** Cognito sends the three flags as `false` (AWS documentation's sample event). */
export function preSignUpEvent(input: EnvelopeInput, source: PreSignUpSource, request: PreSignUpRequest) {
  const response: PreSignUpResponse = {
    autoConfirmUser: false,
    autoVerifyEmail: false,
    autoVerifyPhone: false,
  };
  return envelope(input, source, request, response) satisfies PreSignUpEvent;
}
