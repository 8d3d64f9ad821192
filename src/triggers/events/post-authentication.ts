import type { EnvelopeInput, StringMap, TriggerEnvelope } from "./common.ts";
import { envelope } from "./common.ts";

/** PostAuthentication (docs/triggers.md#postauthentication): after a successful sign-in, never after a failure. */
export type PostAuthenticationSource = "PostAuthentication_Authentication";

export interface PostAuthenticationRequest {
  userAttributes: StringMap;
  newDeviceUsed: boolean;
  clientMetadata?: StringMap | null;
}

export type PostAuthenticationEvent = TriggerEnvelope<
  PostAuthenticationSource,
  PostAuthenticationRequest,
  Record<string, never>
>;

export function postAuthenticationEvent(input: EnvelopeInput, request: PostAuthenticationRequest) {
  return envelope(input, "PostAuthentication_Authentication", request, {}) satisfies PostAuthenticationEvent;
}
