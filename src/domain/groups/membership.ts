import type { Store } from "../../storage/ports.ts";
import { requireMembershipParties } from "./lookup.ts";
import { addUserToGroup, removeUserFromGroup } from "./manage.ts";

/** What AdminAddUserToGroup and AdminRemoveUserFromGroup both name (AWS API reference). */
export interface MembershipRequest {
  UserPoolId: string;
  GroupName: string;
  Username: string;
}

/**
 * AdminAddUserToGroup / AdminRemoveUserFromGroup: the same lookups in the same order for both (pool,
 * group, then user by username or active alias: ./lookup.ts), then the change — an add is idempotent
 * and counts against the per-user limit, a remove of a non-member is no error (./manage.ts;
 * docs/admin-users.md#groups).
 */
export async function changeMembership(
  store: Store,
  req: MembershipRequest,
  change: "add" | "remove",
): Promise<void> {
  const { group, user } = await requireMembershipParties(store, req.UserPoolId, req.GroupName, req.Username);
  if (change === "add") await addUserToGroup(store, group, user);
  else await removeUserFromGroup(store, group, user);
}
