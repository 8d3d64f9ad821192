import type { PoolRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { poolConfig } from "../pools/pool.ts";

/**
 * The existence profile of a pool (docs/existence.md#the-two-profiles): `cognito` answers exactly
 * what Cognito documents for PreventUserExistenceErrors, its documented leaks included; `strict`
 * leaves no difference between a known and an unknown name for a caller who knows neither the
 * password nor a valid code. A pool chooses with the user-pool tag below, so its definition
 * (CreateUserPool, UpdateUserPool, the AWS CLI, CDK, Terraform) carries its profile; untagged pools
 * take the server's `--existence-profile`.
 */
export type ExistenceProfile = "cognito" | "strict";

export const EXISTENCE_PROFILE_TAG = "hushpool:existence-profile";

export const EXISTENCE_PROFILES: readonly ExistenceProfile[] = ["cognito", "strict"];

export const isExistenceProfile = (v: unknown): v is ExistenceProfile => v === "cognito" || v === "strict";

/** The pool's tag when it names a profile, otherwise the server default. */
export function profileOf(pool: PoolRecord, serverDefault: ExistenceProfile): ExistenceProfile {
  const tagged = poolConfig(pool).UserPoolTags?.[EXISTENCE_PROFILE_TAG];
  return isExistenceProfile(tagged) ? tagged : serverDefault;
}

/**
 * CreateUserPool and UpdateUserPool refuse a profile tag that names no profile (decision,
 * docs/existence.md#choosing-a-profile): a typo such as `Strict` would otherwise leave the pool on the
 * server default without a word, which for a pool meant to be strict is a silent downgrade.
 */
export function assertProfileTag(tags: Record<string, string> | undefined): void {
  const value = tags?.[EXISTENCE_PROFILE_TAG];
  if (value !== undefined && !isExistenceProfile(value)) throw errors.existenceProfileTag();
}
