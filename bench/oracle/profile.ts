/**
 * The existence profile a bench pool runs under (docs/existence.md): the pool is tagged
 * `hushpool:existence-profile`, so one server measures both profiles side by side.
 */
import {
  EXISTENCE_PROFILE_TAG,
  EXISTENCE_PROFILES,
  type ExistenceProfile,
  isExistenceProfile,
} from "../../src/domain/existence/profile.ts";

export { EXISTENCE_PROFILES, type ExistenceProfile };

export const profileTags = (profile: ExistenceProfile): Record<string, string> => ({
  [EXISTENCE_PROFILE_TAG]: profile,
});

export function parseProfiles(value: string): ExistenceProfile[] {
  const list = value === "both" ? [...EXISTENCE_PROFILES] : value.split(",");
  for (const p of list)
    if (!isExistenceProfile(p)) throw new Error(`--profile: cognito, strict or both, not ${p}`);
  return list as ExistenceProfile[];
}
