import { z } from "zod";
import type { EnvelopeInput, StringMap, TriggerEnvelope } from "./common.ts";
import { envelope } from "./common.ts";
import { optional, responseShape } from "./shape.ts";

/**
 * CustomMessage (docs/triggers.md#custommessage; AWS "Custom message Lambda trigger"). A null response field means "use the
 * pool's default message". The checks that depend on the pool (the code placeholder must appear,
 * email fields only with EmailSendingAccount=DEVELOPER, 20,000 / 140 character limits) belong to the
 * messaging code, which knows the pool.
 */
export type CustomMessageSource =
  | "CustomMessage_SignUp"
  | "CustomMessage_AdminCreateUser"
  | "CustomMessage_ResendCode"
  | "CustomMessage_ForgotPassword"
  | "CustomMessage_UpdateUserAttribute"
  | "CustomMessage_VerifyUserAttribute"
  | "CustomMessage_Authentication";

/** The placeholders Cognito sends; the code (and username) replace them after the trigger returns. */
export const CODE_PARAMETER = "{####}";
export const LINK_PARAMETER = "{##Click Here##}";
export const USERNAME_PARAMETER = "{username}";

export interface CustomMessageRequest {
  userAttributes: StringMap;
  codeParameter: string;
  linkParameter?: string | null;
  /** Set for `CustomMessage_AdminCreateUser` only, else null. */
  usernameParameter: string | null;
  clientMetadata?: StringMap | null;
}

export interface CustomMessageResponse {
  smsMessage?: string | null;
  emailMessage?: string | null;
  emailSubject?: string | null;
}

export type CustomMessageEvent = TriggerEnvelope<
  CustomMessageSource,
  CustomMessageRequest,
  CustomMessageResponse
>;

export const customMessageResponse = responseShape({
  smsMessage: optional(z.string()),
  emailMessage: optional(z.string()),
  emailSubject: optional(z.string()),
});

export function customMessageEvent(
  input: EnvelopeInput,
  source: CustomMessageSource,
  extra: { userAttributes: StringMap; clientMetadata?: StringMap | null },
) {
  const request: CustomMessageRequest = {
    userAttributes: extra.userAttributes,
    codeParameter: CODE_PARAMETER,
    linkParameter: LINK_PARAMETER,
    usernameParameter: source === "CustomMessage_AdminCreateUser" ? USERNAME_PARAMETER : null,
    clientMetadata: extra.clientMetadata ?? null,
  };
  const response: CustomMessageResponse = { smsMessage: null, emailMessage: null, emailSubject: null };
  return envelope(input, source, request, response) satisfies CustomMessageEvent;
}
