import type { ClientRecord, PoolRecord, UserRecord } from "../../storage/ports.ts";
import type { ClaimOverride, ClaimValue } from "../../tokens/index.ts";
import { NATIVE_SCOPE } from "../../tokens/index.ts";
import type {
  GroupConfiguration,
  PreTokenGenerationEvent,
  StringMap,
  TriggerRunner,
} from "../../triggers/index.ts";
import { preTokenGenerationEvent } from "../../triggers/index.ts";
import type { GroupClaims } from "../groups/index.ts";
import type { TokenGenerationSource, TokenOverrides } from "../sign-in-types.ts";
import { envelopeFor, eventAttributes, type TriggerDeps } from "./envelope.ts";

/** One sign-in request as its trigger calls see it (built once by ./sign-in.ts). */
export interface SignInCall {
  deps: TriggerDeps;
  runner: TriggerRunner;
  pool: PoolRecord;
  client: ClientRecord;
  clientMetadata: StringMap;
}

/**
 * PreTokenGeneration (AWS "Pre token generation Lambda trigger") with the event version the pool
 * asks for: V1_0 changes the ID token only; V2_0 / V3_0 both tokens and the access token's scopes.
 * Protected claims are left alone by the minting code (src/tokens/claims.ts applyOverride).
 */
export async function preTokenGeneration(
  call: SignInCall,
  e: { user: UserRecord; source: TokenGenerationSource; groups: GroupClaims },
): Promise<TokenOverrides | undefined> {
  const { deps, runner, pool, client } = call;
  if (!runner.has("PreTokenGeneration")) return undefined;
  const event = preTokenGenerationEvent(
    envelopeFor(deps, pool, e.user.username, client.clientId),
    e.source,
    {
      userAttributes: eventAttributes(pool, e.user),
      // What Cognito would put in the tokens (AWS "Pre token generation Lambda trigger").
      groupConfiguration: {
        groupsToOverride: [...e.groups.groupsToOverride],
        iamRolesToOverride: [...e.groups.iamRolesToOverride],
        preferredRole: e.groups.preferredRole,
      },
      clientMetadata: call.clientMetadata,
      scopes: [NATIVE_SCOPE],
    },
    runner.preTokenGenerationVersion(),
  );
  const returned = await runner.run("PreTokenGeneration", event);
  return overridesFrom(returned);
}

/** Reads either version's response into overrides for the minting code. */
export function overridesFrom(event: PreTokenGenerationEvent): TokenOverrides | undefined {
  const r = event.response;
  if (event.version === "1") {
    const d = "claimsOverrideDetails" in r ? r.claimsOverrideDetails : undefined;
    if (!d) return undefined;
    return {
      id: claimOverride(d.claimsToAddOrOverride, d.claimsToSuppress),
      ...groupOverride(d),
    };
  }
  const d = "claimsAndScopeOverrideDetails" in r ? r.claimsAndScopeOverrideDetails : undefined;
  if (!d) return undefined;
  const id = d.idTokenGeneration;
  const access = d.accessTokenGeneration;
  const out: TokenOverrides = { ...groupOverride(d) };
  if (id) out.id = claimOverride(id.claimsToAddOrOverride, id.claimsToSuppress);
  if (access) {
    out.access = claimOverride(access.claimsToAddOrOverride, access.claimsToSuppress);
    if (access.scopesToAdd || access.scopesToSuppress) {
      const scopes = new Set([NATIVE_SCOPE, ...(access.scopesToAdd ?? [])]);
      for (const s of access.scopesToSuppress ?? []) scopes.delete(s);
      out.scope = [...scopes].join(" ");
    }
  }
  return out;
}

function claimOverride(
  add: Record<string, unknown> | null | undefined,
  suppress: string[] | null | undefined,
): ClaimOverride {
  return {
    // Values came from JSON and were checked by the runner's schema (V1: scalars; V2: any JSON).
    ...(add ? { claimsToAddOrOverride: add as Record<string, ClaimValue> } : {}),
    ...(suppress ? { claimsToSuppress: suppress } : {}),
  };
}

/**
 * groupOverrideDetails, V1 and V2/V3 alike: "Your function replaces the groupOverrideDetails object
 * with the object that you provide. If you provide an empty or null object in the response, then
 * Amazon Cognito suppresses the groups" (AWS "Pre token generation Lambda trigger"). Left out of the
 * response (or null, which the runner reads as left out), the user's own groups stay; given as `{}`
 * (or with null members), every group claim goes; otherwise its members replace `cognito:groups`,
 * `cognito:roles` and `cognito:preferred_role` (a missing one is empty).
 */
function groupOverride(d: { groupOverrideDetails?: GroupConfiguration | null }): { groups?: GroupClaims } {
  // The runner reads a null member as a missing one (src/triggers/runner.ts): both keep the groups.
  if (d.groupOverrideDetails === undefined || d.groupOverrideDetails === null) return {};
  const g = d.groupOverrideDetails;
  return {
    groups: {
      groupsToOverride: g.groupsToOverride ?? [],
      iamRolesToOverride: g.iamRolesToOverride ?? [],
      preferredRole: g.preferredRole ?? null,
    },
  };
}
