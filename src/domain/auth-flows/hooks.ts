import type { UserRecord } from "../../storage/ports.ts";
import type { ClaimOverride } from "../../tokens/index.ts";
import { triggerHooks } from "../trigger-calls/auth-hooks.ts";
import type { AuthContext } from "./types.ts";

/** The PreTokenGeneration trigger sources the flows can reach (spec E.8). */
export type TokenGenerationSource =
  | "TokenGeneration_Authentication"
  | "TokenGeneration_NewPasswordChallenge"
  | "TokenGeneration_RefreshTokens";

/**
 * The trigger call points of the sign-in flows, with no-op defaults. The triggers engineer supplies
 * a real implementation (a TriggerRunner per pool, src/triggers) through `hooksFor`; the flows call
 * these at the places Cognito does (spec A.6, E.1, E.2, E.6, E.8):
 *
 * - userMigration: unknown username in a password flow, before the existence answer (E.1).
 * - preAuthentication: after the lookup, before lockout and the password check; for an unknown name
 *   only under ENABLED, with `userNotFound: true` (E.2, obs S28). The masked path calls it exactly
 *   as often as the real one (no-oracle.md rule 3).
 * - preTokenGeneration: before minting; returns claim overrides, and the access token's scope and
 *   `cognito:groups` when the function changed them (E.8).
 * - postAuthentication: after a successful sign-in, never after a failure (E.6).
 */
export interface AuthHooks {
  userMigration(ctx: AuthContext, e: { username: string; password: string }): Promise<UserRecord | null>;
  preAuthentication(
    ctx: AuthContext,
    e: { user: UserRecord | null; username: string; userNotFound: boolean },
  ): Promise<void>;
  preTokenGeneration(
    ctx: AuthContext,
    e: { user: UserRecord; source: TokenGenerationSource },
  ): Promise<{ id?: ClaimOverride; access?: ClaimOverride; scope?: string; groups?: string[] } | undefined>;
  postAuthentication(ctx: AuthContext, e: { user: UserRecord }): Promise<void>;
}

export const noHooks: AuthHooks = {
  userMigration: async () => null,
  preAuthentication: async () => undefined,
  preTokenGeneration: async () => undefined,
  postAuthentication: async () => undefined,
};

/**
 * The hooks for a pool: backed by the pool's TriggerRunner when its LambdaConfig names any of these
 * triggers (../trigger-calls/auth-hooks.ts, docs/triggers.md), otherwise the no-ops.
 */
export function hooksFor(ctx: Omit<AuthContext, "hooks">): AuthHooks {
  return triggerHooks(ctx) ?? noHooks;
}
