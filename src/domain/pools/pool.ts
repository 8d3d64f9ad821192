import type { PoolRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { poolArn } from "../ids.ts";
import type { CreateOnlyPoolSettings, MutablePoolSettings } from "./pool-settings.ts";
import { schemaFrom } from "./schema.ts";
import { assertSignInPolicy } from "./sign-in-policy.ts";
import type { SchemaAttribute } from "./standard-attributes.ts";

/** What a pool record's `config` holds: the settings with Cognito's defaults applied. */
export interface PoolConfig
  extends Omit<MutablePoolSettings, "WebAuthnRelyingPartyID" | "WebAuthnUserVerification"> {
  /** Passkeys (docs/passkeys.md#configuration): as SetUserPoolMfaConfig's WebAuthnConfigurationType. */
  WebAuthnConfiguration?: WebAuthnConfiguration;
  AliasAttributes?: CreateOnlyPoolSettings["AliasAttributes"];
  UsernameAttributes?: CreateOnlyPoolSettings["UsernameAttributes"];
  UsernameConfiguration?: CreateOnlyPoolSettings["UsernameConfiguration"];
  SchemaAttributes: SchemaAttribute[];
  /** SetUserPoolMfaConfig's factor settings (../mfa/pool-mfa.ts); not a UserPoolType member. */
  MfaFactors?: Record<string, unknown>;
}

export interface PasswordPolicy {
  MinimumLength: number;
  RequireUppercase: boolean;
  RequireLowercase: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  PasswordHistorySize?: number;
  TemporaryPasswordValidityDays: number;
}

/**
 * Password policy with defaults. Without `Policies` a pool gets 8 characters and all four
 * requirements (docs/operations.md#password-policy, inferred from real DescribeUserPool output); a given PasswordPolicy keeps its
 * booleans as given (absent = false), MinimumLength defaults to 8 and TemporaryPasswordValidityDays
 * to 7 (0 also means 7, per the model).
 */
export function passwordPolicyOf(config: MutablePoolSettings): PasswordPolicy {
  const p = config.Policies?.PasswordPolicy;
  if (!p) {
    return {
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 7,
    };
  }
  return {
    MinimumLength: p.MinimumLength ?? 8,
    RequireUppercase: p.RequireUppercase ?? false,
    RequireLowercase: p.RequireLowercase ?? false,
    RequireNumbers: p.RequireNumbers ?? false,
    RequireSymbols: p.RequireSymbols ?? false,
    ...(p.PasswordHistorySize !== undefined ? { PasswordHistorySize: p.PasswordHistorySize } : {}),
    TemporaryPasswordValidityDays: p.TemporaryPasswordValidityDays || 7,
  };
}

export interface WebAuthnConfiguration {
  RelyingPartyId?: string;
  UserVerification?: "required" | "preferred";
  FactorConfiguration?: "SINGLE_FACTOR" | "MULTI_FACTOR_WITH_USER_VERIFICATION";
}

/**
 * The WebAuthn members of a Create/UpdateUserPool request onto the stored configuration. An update
 * that names neither keeps what the pool has: in Cognito these settings belong to
 * SetUserPoolMfaConfig, which UpdateUserPool does not reset (decision, docs/passkeys.md#configuration).
 */
function webAuthnOf(
  s: MutablePoolSettings,
  old: WebAuthnConfiguration | undefined,
): WebAuthnConfiguration | undefined {
  if (s.WebAuthnRelyingPartyID === undefined && s.WebAuthnUserVerification === undefined) return old;
  return {
    ...(old ?? {}),
    ...(s.WebAuthnRelyingPartyID !== undefined ? { RelyingPartyId: s.WebAuthnRelyingPartyID } : {}),
    UserVerification: s.WebAuthnUserVerification ?? old?.UserVerification ?? "preferred",
  };
}

/** Builds a new pool's config from CreateUserPool input. */
export function newPoolConfig(create: CreateOnlyPoolSettings, settings: MutablePoolSettings): PoolConfig {
  if (create.AliasAttributes?.length && create.UsernameAttributes?.length) {
    throw errors.aliasAndUsernameAttributes();
  }
  assertSignInPolicy(settings);
  const webAuthn = webAuthnOf(settings, undefined);
  return {
    ...withDefaults(settings),
    ...(webAuthn ? { WebAuthnConfiguration: webAuthn } : {}),
    ...(create.AliasAttributes ? { AliasAttributes: create.AliasAttributes } : {}),
    ...(create.UsernameAttributes ? { UsernameAttributes: create.UsernameAttributes } : {}),
    ...(create.UsernameConfiguration ? { UsernameConfiguration: create.UsernameConfiguration } : {}),
    SchemaAttributes: schemaFrom(create.Schema),
  };
}

/** UpdateUserPool: a full replace of the mutable settings; create-only ones are kept. */
export function updatedPoolConfig(old: PoolConfig, settings: MutablePoolSettings): PoolConfig {
  const keep: Partial<PoolConfig> = {};
  if (old.AliasAttributes) keep.AliasAttributes = old.AliasAttributes;
  if (old.UsernameAttributes) keep.UsernameAttributes = old.UsernameAttributes;
  if (old.UsernameConfiguration) keep.UsernameConfiguration = old.UsernameConfiguration;
  // Set only by SetUserPoolMfaConfig, which UpdateUserPool does not replace (docs/mfa.md#pool-settings).
  if (old.MfaFactors) keep.MfaFactors = old.MfaFactors;
  assertSignInPolicy(settings);
  const webAuthn = webAuthnOf(settings, old.WebAuthnConfiguration);
  if (webAuthn) keep.WebAuthnConfiguration = webAuthn;
  return { ...withDefaults(settings), ...keep, SchemaAttributes: old.SchemaAttributes };
}

function withDefaults(settings: MutablePoolSettings): Omit<PoolConfig, "SchemaAttributes"> {
  const { WebAuthnRelyingPartyID: _id, WebAuthnUserVerification: _uv, ...s } = settings;
  // Both email templates at once: refused as Cognito refuses it (docs/admin-users.md#verification-messages).
  if (s.VerificationMessageTemplate?.EmailMessage && s.VerificationMessageTemplate.EmailMessageByLink)
    throw errors.verificationMessageInvalid();
  return {
    ...s,
    Policies: {
      ...(s.Policies ?? {}),
      PasswordPolicy: passwordPolicyOf(s),
      SignInPolicy: {
        AllowedFirstAuthFactors: [
          ...new Set(s.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? (["PASSWORD"] as const)),
        ],
      },
    },
    LambdaConfig: s.LambdaConfig ?? {},
    MfaConfiguration: s.MfaConfiguration ?? "OFF",
    DeletionProtection: s.DeletionProtection ?? "INACTIVE",
    EmailConfiguration: s.EmailConfiguration ?? { EmailSendingAccount: "COGNITO_DEFAULT" },
    AdminCreateUserConfig: {
      AllowAdminCreateUserOnly: false,
      UnusedAccountValidityDays: 7,
      ...(s.AdminCreateUserConfig ?? {}),
    },
    VerificationMessageTemplate: {
      DefaultEmailOption: "CONFIRM_WITH_CODE",
      ...(s.VerificationMessageTemplate ?? {}),
    },
    UserPoolTags: s.UserPoolTags ?? {},
  };
}

export const poolConfig = (p: PoolRecord): PoolConfig => p.config as unknown as PoolConfig;

/** Usernames are case-sensitive unless the pool says otherwise (API default true, docs/operations.md#username-models). */
export const isCaseSensitive = (c: PoolConfig): boolean => c.UsernameConfiguration?.CaseSensitive ?? true;

/** The part of the pool id after `_`: the SRP "pool name" (docs/srp.md#what-the-client-computes). */
export const srpPoolName = (poolId: string): string => poolId.slice(poolId.indexOf("_") + 1);

const seconds = (ms: number): number => ms / 1000;

/** UserPoolType as DescribeUserPool / CreateUserPool return it. */
export function renderPool(p: PoolRecord, region: string, estimatedUsers: number): Record<string, unknown> {
  const c = poolConfig(p);
  const { SchemaAttributes, MfaFactors: _factors, WebAuthnConfiguration, ...rest } = c;
  return {
    Id: p.id,
    Name: p.name,
    Arn: poolArn(region, p.id),
    ...rest,
    // CloudFormation's names for the passkey settings (docs/passkeys.md#configuration).
    ...(WebAuthnConfiguration?.RelyingPartyId !== undefined
      ? { WebAuthnRelyingPartyID: WebAuthnConfiguration.RelyingPartyId }
      : {}),
    ...(WebAuthnConfiguration?.UserVerification !== undefined
      ? { WebAuthnUserVerification: WebAuthnConfiguration.UserVerification }
      : {}),
    SchemaAttributes,
    CreationDate: seconds(p.createdAt),
    LastModifiedDate: seconds(p.modifiedAt),
    EstimatedNumberOfUsers: estimatedUsers,
  };
}
