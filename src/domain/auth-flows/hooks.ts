import type { UserRecord } from "../../storage/ports.ts";
import type {
  ChallengeResult,
  CreateAuthChallengeResponse,
  DefineAuthChallengeResponse,
  StringMap,
  VerifyAuthChallengeResponseResponse,
} from "../../triggers/index.ts";
import type { GroupClaims } from "../groups/index.ts";
import type { TokenGenerationSource, TokenOverrides } from "../sign-in-types.ts";

export type { TokenGenerationSource, TokenOverrides } from "../sign-in-types.ts";

/**
 * The trigger calls the sign-in flows make, declared here and received by injection: the sign-in
 * operations build them for one request from ../trigger-calls (src/operations/sign-in-context.ts),
 * so the flows never import the trigger code. The flows call them where Cognito runs the triggers
 * (AWS "Customizing user pool workflows with Lambda triggers"; docs/triggers.md):
 *
 * - userMigration: unknown username in a password flow, before the existence answer.
 * - preAuthentication: after the lookup, before lockout and the password check; for an unknown name
 *   only under ENABLED, with `userNotFound: true`. The masked path calls it exactly as often as the
 *   real one (docs/existence.md).
 * - preTokenGeneration: before minting; returns claim overrides, and the access token's scope and
 *   `cognito:groups` when the function changed them.
 * - postAuthentication: after a successful sign-in, never after a failure.
 * - customMessage: before a sign-in code (USER_AUTH EMAIL_OTP / SMS_OTP) or an MFA code is queued,
 *   as `CustomMessage_Authentication`; on the masked path too, for the name as typed.
 */
export interface AuthHooks {
  userMigration(e: { username: string; password: string }): Promise<UserRecord | null>;
  preAuthentication(e: { user: UserRecord | null; username: string; userNotFound: boolean }): Promise<void>;
  preTokenGeneration(e: {
    user: UserRecord;
    source: TokenGenerationSource;
    /** The user's own group claims, sent to the function as request.groupConfiguration. */
    groups: GroupClaims;
  }): Promise<TokenOverrides | undefined>;
  postAuthentication(e: { user: UserRecord }): Promise<void>;
  /**
   * CustomMessage_Authentication: the function's text for a sign-in or MFA code, or undefined when
   * the pool has no CustomMessage function. `user` null is the masked path (a simulated delivery),
   * which calls it too, for `username` as typed (docs/triggers.md#custommessage).
   */
  customMessage(e: { user: UserRecord | null; username: string }): Promise<MessageText | undefined>;
}

/** A CustomMessage function's text; `{####}` stands for the code. Absent: the pool's own template. */
export interface MessageText {
  smsMessage?: string;
  emailMessage?: string;
  emailSubject?: string;
}

/** The hooks of a pool that configures none of these triggers. */
export const noHooks: AuthHooks = {
  userMigration: async () => null,
  preAuthentication: async () => undefined,
  preTokenGeneration: async () => undefined,
  postAuthentication: async () => undefined,
  customMessage: async () => undefined,
};

export type CustomAuthTrigger = "DefineAuthChallenge" | "CreateAuthChallenge" | "VerifyAuthChallengeResponse";

/** Whom a custom-auth trigger is asked about: the user, or null (unknown or masked) and the name as typed. */
export interface CustomAuthSubject {
  user: UserRecord | null;
  typed: string;
}

/**
 * The CUSTOM_AUTH triggers (AWS "Custom authentication challenge Lambda triggers"): `has` tells
 * whether the pool configures one (the flow refuses before calling one that is missing); each call
 * answers the function's checked response.
 */
export interface CustomAuthHooks {
  has(trigger: CustomAuthTrigger): boolean;
  defineAuthChallenge(
    e: CustomAuthSubject & { session: ChallengeResult[] },
  ): Promise<DefineAuthChallengeResponse>;
  createAuthChallenge(
    e: CustomAuthSubject & { challengeName: "CUSTOM_CHALLENGE"; session: ChallengeResult[] },
  ): Promise<CreateAuthChallengeResponse>;
  verifyAuthChallengeResponse(
    e: CustomAuthSubject & { privateChallengeParameters: StringMap; challengeAnswer: string },
  ): Promise<VerifyAuthChallengeResponseResponse>;
}

/** Everything a sign-in step calls out to, built per request by the operation. */
export interface SignInHooks {
  hooks: AuthHooks;
  customAuth: CustomAuthHooks;
}
