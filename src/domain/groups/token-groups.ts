import type { GroupRecord, Store } from "../../storage/ports.ts";
import { MAX_GROUPS_PER_USER } from "./manage.ts";

/**
 * What a user's groups put in the tokens, in PreTokenGeneration's `groupConfiguration` shape
 * (AWS "Pre token generation Lambda trigger"; AWS "Adding groups to a user pool"):
 * - groupsToOverride → `cognito:groups` (ID and access tokens): every group, ordered by Precedence
 *   (groups without one last), then by name;
 * - iamRolesToOverride → `cognito:roles` (ID token): the RoleArns of those groups, same order,
 *   without repeats;
 * - preferredRole → `cognito:preferred_role` (ID token): the RoleArn of the role-bearing group with
 *   the lowest Precedence; groups without Precedence lose to any numbered one; a tie between groups
 *   with different RoleArns gives no preferred role (AWS API reference, CreateGroup.Precedence).
 */
export interface GroupClaims {
  groupsToOverride: string[];
  iamRolesToOverride: string[];
  preferredRole: string | null;
}

const rank = (g: GroupRecord): number => g.precedence ?? Number.POSITIVE_INFINITY;

export function groupClaims(groups: readonly GroupRecord[]): GroupClaims {
  const ordered = [...groups].sort(
    (a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const roles = [...new Set(ordered.flatMap((g) => (g.roleArn !== null ? [g.roleArn] : [])))];
  return {
    groupsToOverride: ordered.map((g) => g.name),
    iamRolesToOverride: roles,
    preferredRole: preferredRole(ordered),
  };
}

function preferredRole(ordered: readonly GroupRecord[]): string | null {
  const withRole = ordered.filter((g) => g.roleArn !== null);
  const first = withRole[0];
  if (!first) return null;
  const top = withRole.filter((g) => rank(g) === rank(first));
  return top.every((g) => g.roleArn === first.roleArn) ? first.roleArn : null;
}

/** The user's groups as token claims (a user belongs to at most MAX_GROUPS_PER_USER groups). */
export async function groupClaimsFor(store: Store, poolId: string, sub: string): Promise<GroupClaims> {
  return groupClaims(await store.groups.groupsOf(poolId, sub, MAX_GROUPS_PER_USER));
}
