import type { ClaimOverride, ClaimValue } from "../../tokens/index.ts";
import { NATIVE_SCOPE } from "../../tokens/index.ts";
import type { PreTokenGenerationEvent, TriggerRunner } from "../../triggers/index.ts";
import {
  postAuthenticationEvent,
  preAuthenticationEvent,
  preTokenGenerationEvent,
} from "../../triggers/index.ts";
import type { AuthHooks } from "../auth-flows/hooks.ts";
import type { AuthContext } from "../auth-flows/types.ts";
import { existence } from "../existence/index.ts";
import { envelopeFor, eventAttributes, runnerFor } from "./envelope.ts";
import { migrateUser } from "./migration.ts";

/** What PreTokenGeneration changes in the tokens about to be minted (spec E.8). */
export interface TokenOverrides {
  id?: ClaimOverride;
  access?: ClaimOverride;
  /** The access token's `scope`, when a V2/V3 function added or suppressed scopes. */
  scope?: string;
  /** `cognito:groups`, when the function returned groupOverrideDetails.groupsToOverride. */
  groups?: string[];
}

const SIGN_IN_TRIGGERS = [
  "UserMigration",
  "PreAuthentication",
  "PreTokenGeneration",
  "PostAuthentication",
] as const;

/**
 * The sign-in flows' trigger call points (../auth-flows/hooks.ts) backed by the pool's TriggerRunner;
 * null when the pool configures none of them, so the flows keep their no-op hooks.
 */
export function triggerHooks(base: Omit<AuthContext, "hooks">): AuthHooks | null {
  const runner = runnerFor(base.services, base.pool);
  if (!SIGN_IN_TRIGGERS.some((t) => runner.has(t))) return null;
  return {
    userMigration: (ctx, e) =>
      migrateUser(ctx.services, {
        pool: ctx.pool,
        client: ctx.client,
        typed: e.username,
        source: "UserMigration_Authentication",
        password: e.password,
        clientMetadata: ctx.clientMetadata,
      }),
    preAuthentication: (ctx, e) => preAuthentication(runner, ctx, e),
    preTokenGeneration: (ctx, e) => preTokenGeneration(runner, ctx, e),
    postAuthentication: async (ctx, { user }) => {
      if (!runner.has("PostAuthentication")) return;
      const event = postAuthenticationEvent(
        envelopeFor(ctx.services, ctx.pool, user.username, ctx.client.clientId),
        {
          userAttributes: eventAttributes(ctx.pool, user),
          newDeviceUsed: false,
          clientMetadata: ctx.clientMetadata,
        },
      );
      await runner.run("PostAuthentication", event);
    },
  };
}

/**
 * PreAuthentication (spec E.2): InitiateAuth's ClientMetadata arrives as validationData; for an
 * unknown name (ENABLED only — the flows do not call it otherwise) `userName` is the name as typed and
 * userAttributes are empty. `userNotFound` is sent only when the client is ENABLED ([S14]).
 */
async function preAuthentication(
  runner: TriggerRunner,
  ctx: AuthContext,
  e: Parameters<AuthHooks["preAuthentication"]>[1],
): Promise<void> {
  if (!runner.has("PreAuthentication")) return;
  const enabled = existence.modeOf(ctx.client) === "ENABLED";
  const userName = e.user ? e.user.username : e.username;
  const event = preAuthenticationEvent(envelopeFor(ctx.services, ctx.pool, userName, ctx.client.clientId), {
    userAttributes: e.user ? eventAttributes(ctx.pool, e.user) : {},
    validationData: ctx.clientMetadata,
    ...(enabled ? { userNotFound: e.userNotFound } : {}),
  });
  await runner.run("PreAuthentication", event);
}

/**
 * PreTokenGeneration (spec E.8) with the event version the pool asks for: V1_0 changes the ID token
 * only; V2_0 / V3_0 both tokens and the access token's scopes. Protected claims are left alone by the
 * minting code (src/tokens/claims.ts applyOverride).
 */
async function preTokenGeneration(
  runner: TriggerRunner,
  ctx: AuthContext,
  e: Parameters<AuthHooks["preTokenGeneration"]>[1],
): Promise<TokenOverrides | undefined> {
  if (!runner.has("PreTokenGeneration")) return undefined;
  const event = preTokenGenerationEvent(
    envelopeFor(ctx.services, ctx.pool, e.user.username, ctx.client.clientId),
    e.source,
    {
      userAttributes: eventAttributes(ctx.pool, e.user),
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
      clientMetadata: ctx.clientMetadata,
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
      ...groups(d.groupOverrideDetails?.groupsToOverride),
    };
  }
  const d = "claimsAndScopeOverrideDetails" in r ? r.claimsAndScopeOverrideDetails : undefined;
  if (!d) return undefined;
  const id = d.idTokenGeneration;
  const access = d.accessTokenGeneration;
  const out: TokenOverrides = { ...groups(d.groupOverrideDetails?.groupsToOverride) };
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

const groups = (list: string[] | null | undefined): { groups?: string[] } => (list ? { groups: list } : {});
