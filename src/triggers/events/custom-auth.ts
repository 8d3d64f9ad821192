import type { StringMap } from "./common.ts";

/**
 * What the three custom-auth triggers share (docs/triggers.md#custom-authentication; AWS "Custom authentication challenge Lambda
 * triggers"): the history of the challenges answered so far in this sign-in.
 */
export type SessionChallengeName =
  | "SRP_A"
  | "PASSWORD_VERIFIER"
  | "CUSTOM_CHALLENGE"
  | "SMS_MFA"
  | "SOFTWARE_TOKEN_MFA"
  | "DEVICE_SRP_AUTH"
  | "DEVICE_PASSWORD_VERIFIER"
  | "ADMIN_NO_SRP_AUTH";

export interface ChallengeResult {
  challengeName: SessionChallengeName;
  challengeResult: boolean;
  /** Only for CUSTOM_CHALLENGE entries: what CreateAuthChallenge returned as `challengeMetadata`. */
  challengeMetadata?: string;
}

/** Request fields common to Define/Create/Verify. */
export interface CustomAuthRequestBase {
  userAttributes: StringMap;
  /** From RespondToAuthChallenge, not from InitiateAuth (docs/triggers.md#custom-authentication). */
  clientMetadata?: StringMap | null;
  /** Present only when the app client has PreventUserExistenceErrors=ENABLED. */
  userNotFound?: boolean;
}
