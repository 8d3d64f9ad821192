import type { z } from "zod";
import type { CreateAuthChallengeEvent } from "./create-auth-challenge.ts";
import { createAuthChallengeResponse } from "./create-auth-challenge.ts";
import type { CustomMessageEvent } from "./custom-message.ts";
import { customMessageResponse } from "./custom-message.ts";
import type { DefineAuthChallengeEvent } from "./define-auth-challenge.ts";
import { defineAuthChallengeResponse } from "./define-auth-challenge.ts";
import type { PostAuthenticationEvent } from "./post-authentication.ts";
import type { PostConfirmationEvent } from "./post-confirmation.ts";
import type { PreAuthenticationEvent } from "./pre-authentication.ts";
import type { PreSignUpEvent } from "./pre-sign-up.ts";
import { preSignUpResponse } from "./pre-sign-up.ts";
import type { PreTokenGenerationEvent } from "./pre-token-generation.ts";
import { preTokenGenerationV1Response, preTokenGenerationV2Response } from "./pre-token-generation.ts";
import { noResponse } from "./shape.ts";
import type { UserMigrationEvent } from "./user-migration.ts";
import { userMigrationResponse } from "./user-migration.ts";
import type { VerifyAuthChallengeResponseEvent } from "./verify-auth-challenge-response.ts";
import { verifyAuthChallengeResponseResponse } from "./verify-auth-challenge-response.ts";

export * from "./common.ts";
export * from "./create-auth-challenge.ts";
export * from "./custom-auth.ts";
export * from "./custom-message.ts";
export * from "./define-auth-challenge.ts";
export * from "./post-authentication.ts";
export * from "./post-confirmation.ts";
export * from "./pre-authentication.ts";
export * from "./pre-sign-up.ts";
export * from "./pre-token-generation.ts";
export * from "./user-migration.ts";
export * from "./verify-auth-challenge-response.ts";

/**
 * Each trigger's event type, keyed by its LambdaConfig name — which is also the name Cognito puts in
 * front of its error messages (`PreSignUp failed with error …`, docs/errors.md).
 */
export interface TriggerEvents {
  PreSignUp: PreSignUpEvent;
  PostConfirmation: PostConfirmationEvent;
  PreAuthentication: PreAuthenticationEvent;
  PostAuthentication: PostAuthenticationEvent;
  PreTokenGeneration: PreTokenGenerationEvent;
  CustomMessage: CustomMessageEvent;
  UserMigration: UserMigrationEvent;
  DefineAuthChallenge: DefineAuthChallengeEvent;
  CreateAuthChallenge: CreateAuthChallengeEvent;
  VerifyAuthChallengeResponse: VerifyAuthChallengeResponseEvent;
}

export type TriggerName = keyof TriggerEvents;

export const TRIGGER_NAMES: readonly TriggerName[] = [
  "PreSignUp",
  "PostConfirmation",
  "PreAuthentication",
  "PostAuthentication",
  "PreTokenGeneration",
  "CustomMessage",
  "UserMigration",
  "DefineAuthChallenge",
  "CreateAuthChallenge",
  "VerifyAuthChallengeResponse",
];

/** The schema a returned `response` must satisfy; PreTokenGeneration's depends on the event version. */
export function responseSchema(trigger: TriggerName, eventVersion: string): z.ZodType {
  switch (trigger) {
    case "PreSignUp":
      return preSignUpResponse;
    case "PreTokenGeneration":
      return eventVersion === "1" ? preTokenGenerationV1Response : preTokenGenerationV2Response;
    case "CustomMessage":
      return customMessageResponse;
    case "UserMigration":
      return userMigrationResponse;
    case "DefineAuthChallenge":
      return defineAuthChallengeResponse;
    case "CreateAuthChallenge":
      return createAuthChallengeResponse;
    case "VerifyAuthChallengeResponse":
      return verifyAuthChallengeResponseResponse;
    case "PostConfirmation":
    case "PreAuthentication":
    case "PostAuthentication":
      return noResponse;
  }
}
