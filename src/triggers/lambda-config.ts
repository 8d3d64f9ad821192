import type { PreTokenGenerationVersion, TriggerName } from "./events/index.ts";

/**
 * A pool's `LambdaConfig` as CreateUserPool / UpdateUserPool take it (docs/triggers.md#the-event-contract, API model
 * `LambdaConfigType`), so settings from the AWS CLI, CDK and Terraform carry over unchanged.
 * Each value is a function ARN. The sender and federation entries are kept but not invoked here.
 */
export interface LambdaConfig {
  PreSignUp?: string;
  CustomMessage?: string;
  PostConfirmation?: string;
  PreAuthentication?: string;
  PostAuthentication?: string;
  DefineAuthChallenge?: string;
  CreateAuthChallenge?: string;
  VerifyAuthChallengeResponse?: string;
  PreTokenGeneration?: string;
  UserMigration?: string;
  PreTokenGenerationConfig?: { LambdaVersion?: string; LambdaArn?: string };
  CustomSMSSender?: { LambdaVersion?: string; LambdaArn?: string };
  CustomEmailSender?: { LambdaVersion?: string; LambdaArn?: string };
  KMSKeyID?: string;
  InboundFederation?: { LambdaVersion?: string; LambdaArn?: string };
}

/** The function configured for a trigger, or undefined. */
export function functionArnFor(config: LambdaConfig, trigger: TriggerName): string | undefined {
  if (trigger === "PreTokenGeneration") {
    // PreTokenGenerationConfig.LambdaArn is the newer spelling of the same setting and wins when
    // both are present (API model: "This parameter and the PreTokenGeneration property of
    // LambdaConfig have the same value").
    return nonEmpty(config.PreTokenGenerationConfig?.LambdaArn) ?? nonEmpty(config.PreTokenGeneration);
  }
  return nonEmpty(config[trigger]);
}

/** V1_0 unless PreTokenGenerationConfig says otherwise (a plain PreTokenGeneration ARN is V1). */
export function preTokenGenerationVersion(config: LambdaConfig): PreTokenGenerationVersion {
  const v = config.PreTokenGenerationConfig?.LambdaVersion;
  return v === "V2_0" || v === "V3_0" ? v : "V1_0";
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
