import type { PoolRecord } from "../../storage/ports.ts";
import { poolConfig } from "../pools/pool.ts";

/**
 * The existence profile of a pool (docs/existence.md): `cognito` answers exactly what Cognito
 * documents for PreventUserExistenceErrors, its documented leaks included; `strict` leaves no
 * difference between a known and an unknown name for a caller who knows neither the password nor a
 * valid code. A pool chooses with the user-pool tag below, so its definition (CreateUserPool,
 * TagResource, the AWS CLI, CDK, Terraform) carries its profile; untagged pools take the server's
 * `--existence-profile`.
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
