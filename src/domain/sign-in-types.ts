import type { ClaimOverride } from "../tokens/index.ts";
import type { PreTokenGenerationSource } from "../triggers/index.ts";
import type { GroupClaims } from "./groups/index.ts";

/**
 * The vocabulary the sign-in flows (./auth-flows) and the trigger calls (./trigger-calls) share. It
 * lives apart from both so that each may use it without importing the other: the flows declare the
 * hooks they call, the trigger calls implement them, and the sign-in operations join the two
 * (src/operations/sign-in-context.ts; docs/authentication.md).
 */

/** Which API operation drives a sign-in step: the Admin twins allow the admin-only flows. */
export type AuthApi =
  | "InitiateAuth"
  | "AdminInitiateAuth"
  | "RespondToAuthChallenge"
  | "AdminRespondToAuthChallenge"
  | "GetTokensFromRefreshToken";

/** The PreTokenGeneration trigger sources the flows can reach (AWS "Pre token generation Lambda trigger"). */
export type TokenGenerationSource = Extract<
  PreTokenGenerationSource,
  | "TokenGeneration_Authentication"
  | "TokenGeneration_NewPasswordChallenge"
  | "TokenGeneration_RefreshTokens"
  | "TokenGeneration_HostedAuth"
>;

/** What PreTokenGeneration changes in the tokens about to be minted (docs/triggers.md). */
export interface TokenOverrides {
  id?: ClaimOverride;
  access?: ClaimOverride;
  /** The access token's `scope`, when a V2/V3 function added or suppressed scopes. */
  scope?: string;
  /**
   * The group claims when the function returned groupOverrideDetails: they replace the user's own
   * (`cognito:groups`, `cognito:roles`, `cognito:preferred_role`); an empty or null object drops them.
   */
  groups?: GroupClaims;
}
