import { z } from "zod";
import type { EnvelopeInput, StringMap, TriggerEnvelope } from "./common.ts";
import { envelope } from "./common.ts";
import { optional, responseShape, stringList } from "./shape.ts";

/**
 * PreTokenGeneration (docs/triggers.md#pretokengeneration; AWS "Pre token generation Lambda trigger"). V1_0 events
 * (`version "1"`) can change the ID token only; V2_0 (`"2"`) and V3_0 (`"3"`, which adds
 * machine-to-machine `TokenGeneration_ClientCredentials`) can change both tokens and the scopes.
 */
export type PreTokenGenerationSource =
  | "TokenGeneration_HostedAuth"
  | "TokenGeneration_Authentication"
  | "TokenGeneration_NewPasswordChallenge"
  | "TokenGeneration_AuthenticateDevice"
  | "TokenGeneration_RefreshTokens"
  | "TokenGeneration_ClientCredentials";

export type PreTokenGenerationVersion = "V1_0" | "V2_0" | "V3_0";

export interface GroupConfiguration {
  groupsToOverride?: string[] | null;
  iamRolesToOverride?: string[] | null;
  preferredRole?: string | null;
}

export interface PreTokenGenerationRequest {
  userAttributes: StringMap;
  groupConfiguration: GroupConfiguration;
  clientMetadata?: StringMap | null;
  /** V2_0/V3_0 only: the scopes of the access token being issued. */
  scopes?: string[];
}

/** V1 claim values are scalars; arrays or objects give `Unrecognizable lambda output` (docs/triggers.md#pretokengeneration). */
export type ClaimValueV1 = string | number | boolean;
/** V2/V3 claim values may be any JSON value except null (AWS docs, V2 event). */
export type ClaimValueV2 = string | number | boolean | unknown[] | Record<string, unknown>;

export interface PreTokenGenerationV1Response {
  claimsOverrideDetails?: {
    claimsToAddOrOverride?: Record<string, ClaimValueV1> | null;
    claimsToSuppress?: string[] | null;
    groupOverrideDetails?: GroupConfiguration | null;
  } | null;
}

export interface TokenGenerationOverrides {
  claimsToAddOrOverride?: Record<string, ClaimValueV2> | null;
  claimsToSuppress?: string[] | null;
}

export interface PreTokenGenerationV2Response {
  claimsAndScopeOverrideDetails?: {
    idTokenGeneration?: TokenGenerationOverrides | null;
    accessTokenGeneration?:
      | (TokenGenerationOverrides & { scopesToAdd?: string[] | null; scopesToSuppress?: string[] | null })
      | null;
    groupOverrideDetails?: GroupConfiguration | null;
  } | null;
}

export type PreTokenGenerationV1Event = TriggerEnvelope<
  PreTokenGenerationSource,
  PreTokenGenerationRequest,
  PreTokenGenerationV1Response
>;
export type PreTokenGenerationV2Event = TriggerEnvelope<
  PreTokenGenerationSource,
  PreTokenGenerationRequest,
  PreTokenGenerationV2Response
>;
export type PreTokenGenerationEvent = PreTokenGenerationV1Event | PreTokenGenerationV2Event;

const groupOverride = optional(
  z.looseObject({
    groupsToOverride: optional(stringList),
    iamRolesToOverride: optional(stringList),
    preferredRole: optional(z.string()),
  }),
);
const claimV1 = z.union([z.string(), z.number(), z.boolean()]);
const claimV2 = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.unknown()),
  z.record(z.string(), z.unknown()),
]);

export const preTokenGenerationV1Response = responseShape({
  claimsOverrideDetails: optional(
    z.looseObject({
      claimsToAddOrOverride: optional(z.record(z.string(), claimV1)),
      claimsToSuppress: optional(stringList),
      groupOverrideDetails: groupOverride,
    }),
  ),
});

const tokenOverrides = {
  claimsToAddOrOverride: optional(z.record(z.string(), claimV2)),
  claimsToSuppress: optional(stringList),
};

export const preTokenGenerationV2Response = responseShape({
  claimsAndScopeOverrideDetails: optional(
    z.looseObject({
      idTokenGeneration: optional(z.looseObject(tokenOverrides)),
      accessTokenGeneration: optional(
        z.looseObject({
          ...tokenOverrides,
          scopesToAdd: optional(stringList),
          scopesToSuppress: optional(stringList),
        }),
      ),
      groupOverrideDetails: groupOverride,
    }),
  ),
});

const EVENT_VERSION: Record<PreTokenGenerationVersion, string> = { V1_0: "1", V2_0: "2", V3_0: "3" };

/** Builds the event for the pool's configured LambdaVersion; `scopes` only goes into V2/V3 events. */
export function preTokenGenerationEvent(
  input: EnvelopeInput,
  source: PreTokenGenerationSource,
  request: PreTokenGenerationRequest,
  lambdaVersion: PreTokenGenerationVersion,
): PreTokenGenerationEvent {
  if (lambdaVersion === "V1_0") {
    const { scopes: _scopes, ...v1Request } = request;
    return envelope(input, source, v1Request, { claimsOverrideDetails: null });
  }
  return envelope(
    input,
    source,
    request,
    { claimsAndScopeOverrideDetails: null },
    EVENT_VERSION[lambdaVersion],
  );
}
