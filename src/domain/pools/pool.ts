import type { PoolRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { poolArn } from "../ids.ts";
import type { CreateOnlyPoolSettings, MutablePoolSettings } from "./pool-settings.ts";
import { schemaFrom } from "./schema.ts";
import type { SchemaAttribute } from "./standard-attributes.ts";

/** What a pool record's `config` holds: the settings with Cognito's defaults applied. */
export interface PoolConfig extends MutablePoolSettings {
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

/** Builds a new pool's config from CreateUserPool input. */
export function newPoolConfig(create: CreateOnlyPoolSettings, settings: MutablePoolSettings): PoolConfig {
  if (create.AliasAttributes?.length && create.UsernameAttributes?.length) {
    throw errors.aliasAndUsernameAttributes();
  }
  return {
    ...withDefaults(settings),
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
  return { ...withDefaults(settings), ...keep, SchemaAttributes: old.SchemaAttributes };
}

function withDefaults(s: MutablePoolSettings): MutablePoolSettings {
  // Both email templates at once: refused as Cognito refuses it (docs/admin-users.md#verification-messages).
  if (s.VerificationMessageTemplate?.EmailMessage && s.VerificationMessageTemplate.EmailMessageByLink)
    throw errors.verificationMessageInvalid();
  return {
    ...s,
    Policies: { ...(s.Policies ?? {}), PasswordPolicy: passwordPolicyOf(s) },
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
  const { SchemaAttributes, MfaFactors: _factors, ...rest } = c;
  return {
    Id: p.id,
    Name: p.name,
    Arn: poolArn(region, p.id),
    ...rest,
    SchemaAttributes,
    CreationDate: seconds(p.createdAt),
    LastModifiedDate: seconds(p.modifiedAt),
    EstimatedNumberOfUsers: estimatedUsers,
  };
}
