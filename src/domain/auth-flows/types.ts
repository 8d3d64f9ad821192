import type { Services } from "../../services.ts";
import type { ClientRecord, PoolRecord, UserRecord } from "../../storage/ports.ts";
import type { AuthenticationResult } from "../../tokens/index.ts";
import type { ExistenceProfile } from "../existence/profile.ts";
import type { ClientConfig } from "../pools/client.ts";
import type { AuthApi } from "../sign-in-types.ts";
import type { AuthHooks, CustomAuthHooks } from "./hooks.ts";

export type { AuthApi } from "../sign-in-types.ts";

/** AuthFlowType values of the API model (docs/wire-protocol.md). */
export const AUTH_FLOWS = [
  "USER_SRP_AUTH",
  "REFRESH_TOKEN_AUTH",
  "REFRESH_TOKEN",
  "CUSTOM_AUTH",
  "ADMIN_NO_SRP_AUTH",
  "USER_PASSWORD_AUTH",
  "ADMIN_USER_PASSWORD_AUTH",
  "USER_AUTH",
] as const;
export type AuthFlow = (typeof AUTH_FLOWS)[number];

/** ChallengeNameType values of the API model (docs/wire-protocol.md). */
export const CHALLENGE_NAMES = [
  "SMS_MFA",
  "EMAIL_OTP",
  "SOFTWARE_TOKEN_MFA",
  "SELECT_MFA_TYPE",
  "MFA_SETUP",
  "PASSWORD_VERIFIER",
  "CUSTOM_CHALLENGE",
  "SELECT_CHALLENGE",
  "DEVICE_SRP_AUTH",
  "DEVICE_PASSWORD_VERIFIER",
  "ADMIN_NO_SRP_AUTH",
  "NEW_PASSWORD_REQUIRED",
  "SMS_OTP",
  "PASSWORD",
  "WEB_AUTHN",
  "PASSWORD_SRP",
] as const;
export type ChallengeName = (typeof CHALLENGE_NAMES)[number];

/** The services the sign-in flows use (trigger calls arrive separately, as hooks). */
export type FlowServices = Pick<
  Services,
  | "authEvents"
  | "box"
  | "clock"
  | "config"
  | "log"
  | "messenger"
  | "probe"
  | "secrets"
  | "store"
  | "tokenKeys"
>;

/** Everything one sign-in step needs; built by the operation, read by the flows. */
export interface AuthContext {
  services: FlowServices;
  pool: PoolRecord;
  client: ClientRecord;
  clientConfig: ClientConfig;
  /**
   * The pool's existence profile (../existence/profile.ts). With `client` it makes the context the
   * asker of the existence table: `existence.decide(ctx, …)`.
   */
  profile: ExistenceProfile;
  api: AuthApi;
  clientMetadata: Record<string, string>;
  hooks: AuthHooks;
  /** DefineAuthChallenge, CreateAuthChallenge and VerifyAuthChallengeResponse (./custom-auth/). */
  customAuth: CustomAuthHooks;
  /** Read once per request so every step of it agrees on the time. */
  now: number;
  /**
   * Set by the managed-login pages (docs/oauth.md#the-pages-use-the-apis-code): a successful step ends in
   * `signed-in` instead of tokens, and the OAuth endpoints mint the tokens when the code is redeemed.
   */
  hosted?: true;
}

/** What a step answers: tokens, or the next challenge. */
export type AuthOutcome =
  | { kind: "tokens"; result: AuthenticationResult }
  | { kind: "signed-in"; user: UserRecord }
  | {
      kind: "challenge";
      name: ChallengeName;
      parameters: Record<string, string>;
      session?: string;
      /** SELECT_CHALLENGE (USER_AUTH): the top-level AvailableChallenges member. */
      available?: string[];
    };

/**
 * The wire shape. A token answer carries an empty `ChallengeParameters` object, as real Cognito's
 * does (docs/operations.md#initiateauth); a challenge carries its name, parameters and (when there is one) the Session.
 */
export function renderOutcome(o: AuthOutcome): Record<string, unknown> {
  if (o.kind === "tokens") return { AuthenticationResult: o.result, ChallengeParameters: {} };
  if (o.kind === "signed-in") throw new Error("a managed-login outcome reached the API");
  return {
    ChallengeName: o.name,
    ...(o.session !== undefined ? { Session: o.session } : {}),
    ChallengeParameters: o.parameters,
    ...(o.available !== undefined ? { AvailableChallenges: o.available } : {}),
  };
}
