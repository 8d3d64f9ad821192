import type { EnvelopeInput, StringMap, TriggerEnvelope } from "./common.ts";
import { envelope } from "./common.ts";

/**
 * PostConfirmation (docs/triggers.md#postconfirmation). `_ConfirmSignUp` covers ConfirmSignUp, AdminConfirmSignUp and a
 * PreSignUp auto-confirm; `_ConfirmForgotPassword` follows a successful ConfirmForgotPassword.
 */
export type PostConfirmationSource =
  | "PostConfirmation_ConfirmSignUp"
  | "PostConfirmation_ConfirmForgotPassword";

export interface PostConfirmationRequest {
  userAttributes: StringMap;
  clientMetadata?: StringMap | null;
}

export type PostConfirmationEvent = TriggerEnvelope<
  PostConfirmationSource,
  PostConfirmationRequest,
  Record<string, never>
>;

export function postConfirmationEvent(
  input: EnvelopeInput,
  source: PostConfirmationSource,
  request: PostConfirmationRequest,
) {
  return envelope(input, source, request, {}) satisfies PostConfirmationEvent;
}
