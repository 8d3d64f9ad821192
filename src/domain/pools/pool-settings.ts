import { z } from "zod";

/**
 * The settings of a user pool as CreateUserPool / UpdateUserPool accept them (API model, docs/operations.md#createuserpool).
 * Constraints that the model states are enforced; the rest is stored and echoed as given.
 */
const bool = z.boolean().optional();
const verifiedAttr = z.enum(["phone_number", "email"]);
const str = z.string().optional();

export const passwordPolicy = z.object({
  MinimumLength: z.number().int().min(6).max(99).optional(),
  RequireUppercase: bool,
  RequireLowercase: bool,
  RequireNumbers: bool,
  RequireSymbols: bool,
  PasswordHistorySize: z.number().int().min(0).max(24).optional(),
  TemporaryPasswordValidityDays: z.number().int().min(0).max(365).optional(),
});

const arn = z.string().min(20).max(2048);

export const lambdaConfig = z.object({
  PreSignUp: arn.optional(),
  CustomMessage: arn.optional(),
  PostConfirmation: arn.optional(),
  PreAuthentication: arn.optional(),
  PostAuthentication: arn.optional(),
  DefineAuthChallenge: arn.optional(),
  CreateAuthChallenge: arn.optional(),
  VerifyAuthChallengeResponse: arn.optional(),
  PreTokenGeneration: arn.optional(),
  UserMigration: arn.optional(),
  PreTokenGenerationConfig: z
    .object({ LambdaVersion: z.enum(["V1_0", "V2_0", "V3_0"]), LambdaArn: arn })
    .optional(),
  CustomSMSSender: z.object({ LambdaVersion: z.string(), LambdaArn: arn }).optional(),
  CustomEmailSender: z.object({ LambdaVersion: z.string(), LambdaArn: arn }).optional(),
  KMSKeyID: str,
});

export const schemaAttribute = z.object({
  Name: z
    .string()
    .min(1)
    .max(20)
    .regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u),
  AttributeDataType: z.enum(["String", "Number", "DateTime", "Boolean"]).optional(),
  DeveloperOnlyAttribute: bool,
  Mutable: bool,
  Required: bool,
  NumberAttributeConstraints: z.object({ MinValue: str, MaxValue: str }).optional(),
  StringAttributeConstraints: z.object({ MinLength: str, MaxLength: str }).optional(),
});

/** AuthFactorType of the API model; SOFTWARE_TOKEN is never a first factor (./sign-in-policy.ts). */
export const AUTH_FACTOR_TYPES = ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN", "SOFTWARE_TOKEN"] as const;

/** Settings that UpdateUserPool may change (full replace: omitted ones go back to defaults). */
export const mutablePoolSettings = z.object({
  Policies: z
    .object({
      PasswordPolicy: passwordPolicy.optional(),
      SignInPolicy: z
        .object({ AllowedFirstAuthFactors: z.array(z.enum(AUTH_FACTOR_TYPES)).min(1).max(4).optional() })
        .optional(),
    })
    .optional(),
  DeletionProtection: z.enum(["ACTIVE", "INACTIVE"]).optional(),
  LambdaConfig: lambdaConfig.optional(),
  AutoVerifiedAttributes: z.array(verifiedAttr).optional(),
  SmsVerificationMessage: z.string().min(6).max(140).optional(),
  EmailVerificationMessage: z.string().min(6).max(20000).optional(),
  EmailVerificationSubject: z.string().min(1).max(140).optional(),
  VerificationMessageTemplate: z
    .object({
      SmsMessage: z.string().min(6).max(140).optional(),
      EmailMessage: z.string().min(6).max(20000).optional(),
      EmailSubject: z.string().min(1).max(140).optional(),
      EmailMessageByLink: str,
      EmailSubjectByLink: str,
      DefaultEmailOption: z.enum(["CONFIRM_WITH_LINK", "CONFIRM_WITH_CODE"]).optional(),
    })
    .optional(),
  // SmsVerificationMessageType in the model: 6–140 (found by test/e2e/hostile-input.test.ts).
  SmsAuthenticationMessage: z.string().min(6).max(140).optional(),
  UserAttributeUpdateSettings: z
    .object({ AttributesRequireVerificationBeforeUpdate: z.array(verifiedAttr).optional() })
    .optional(),
  MfaConfiguration: z.enum(["OFF", "ON", "OPTIONAL"]).optional(),
  DeviceConfiguration: z
    .object({ ChallengeRequiredOnNewDevice: bool, DeviceOnlyRememberedOnUserPrompt: bool })
    .optional(),
  EmailConfiguration: z
    .object({
      SourceArn: str,
      ReplyToEmailAddress: str,
      EmailSendingAccount: z.enum(["COGNITO_DEFAULT", "DEVELOPER"]).optional(),
      From: str,
      ConfigurationSet: str,
    })
    .optional(),
  SmsConfiguration: z.object({ SnsCallerArn: str, ExternalId: str, SnsRegion: str }).optional(),
  UserPoolTags: z.record(z.string().min(1).max(128), z.string().max(256)).optional(),
  AdminCreateUserConfig: z
    .object({
      AllowAdminCreateUserOnly: bool,
      UnusedAccountValidityDays: z.number().int().min(0).max(365).optional(),
      InviteMessageTemplate: z
        .object({
          SMSMessage: z.string().min(6).max(140).optional(),
          EmailMessage: z.string().min(6).max(20000).optional(),
          EmailSubject: z.string().min(1).max(140).optional(),
        })
        .optional(),
    })
    .optional(),
  UserPoolAddOns: z.object({ AdvancedSecurityMode: z.string().optional() }).optional(),
  AccountRecoverySetting: z
    .object({
      RecoveryMechanisms: z
        .array(
          z.object({
            Priority: z.number().int().min(1).max(2),
            Name: z.enum(["verified_email", "verified_phone_number", "admin_only"]),
          }),
        )
        .min(1)
        .max(2),
    })
    .optional(),
  UserPoolTier: z.enum(["LITE", "ESSENTIALS", "PLUS"]).optional(),
  /**
   * The passkey relying party, named as CloudFormation names it on AWS::Cognito::UserPool; stored as
   * the pool's WebAuthnConfiguration (docs/passkeys.md#configuration).
   */
  WebAuthnRelyingPartyID: z.string().min(1).max(127).optional(),
  WebAuthnUserVerification: z.enum(["required", "preferred"]).optional(),
});

/** Settings fixed at creation (docs/operations.md#username-models: "After you create a user pool, you can't change this setting."). */
export const createOnlyPoolSettings = z.object({
  AliasAttributes: z.array(z.enum(["phone_number", "email", "preferred_username"])).optional(),
  UsernameAttributes: z.array(z.enum(["phone_number", "email"])).optional(),
  UsernameConfiguration: z.object({ CaseSensitive: z.boolean() }).optional(),
  Schema: z.array(schemaAttribute).min(1).max(50).optional(),
});

export type MutablePoolSettings = z.infer<typeof mutablePoolSettings>;
export type CreateOnlyPoolSettings = z.infer<typeof createOnlyPoolSettings>;
export type SchemaAttributeInput = z.infer<typeof schemaAttribute>;
