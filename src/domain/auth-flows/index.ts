/** The sign-in flows (docs/authentication.md): a small state machine over password, SRP, refresh and challenges. */

export { authContext } from "./context.ts";
export {
  type AuthHooks,
  type CustomAuthHooks,
  type CustomAuthSubject,
  type CustomAuthTrigger,
  noHooks,
  type SignInHooks,
  type TokenGenerationSource,
  type TokenOverrides,
} from "./hooks.ts";
export { FREE_FAILURES, IDLE_RESET_MS, lockedUntil, lockoutKey, MAX_LOCK_MS } from "./lockout.ts";
export { hostedSignIn, respondToChallenge, startAuth } from "./machine.ts";
export { loadRefresh, retireRefresh, rotationOf } from "./refresh.ts";
export { issueTokens, mintFor, type OAuthGrant, readableAttributes } from "./tokens.ts";
export {
  AUTH_FLOWS,
  type AuthApi,
  type AuthContext,
  type AuthFlow,
  type AuthOutcome,
  CHALLENGE_NAMES,
  type ChallengeName,
  renderOutcome,
} from "./types.ts";
export { issueAutoSignInSession } from "./user-auth/index.ts";
