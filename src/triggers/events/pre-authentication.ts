import type { EnvelopeInput, StringMap, TriggerEnvelope } from "./common.ts";
import { envelope } from "./common.ts";

/**
 * PreAuthentication (docs/triggers.md#preauthentication). Runs before the password check. For a username that does not exist
 * it runs only when the app client has PreventUserExistenceErrors=ENABLED, with `userNotFound: true`;
 * `userNotFound` is present only under ENABLED (AWS "Pre authentication Lambda trigger").
 */
export type PreAuthenticationSource = "PreAuthentication_Authentication";

export interface PreAuthenticationRequest {
  userAttributes: StringMap;
  validationData?: StringMap | null;
  clientMetadata?: StringMap | null;
  userNotFound?: boolean;
}

export type PreAuthenticationEvent = TriggerEnvelope<
  PreAuthenticationSource,
  PreAuthenticationRequest,
  Record<string, never>
>;

export function preAuthenticationEvent(input: EnvelopeInput, request: PreAuthenticationRequest) {
  return envelope(input, "PreAuthentication_Authentication", request, {}) satisfies PreAuthenticationEvent;
}
