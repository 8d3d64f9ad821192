import type { GroupRecord, PoolRecord, Store, UserRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { requirePool } from "../pools/lookup.ts";
import { requirePoolAndUser } from "../users/admin-user.ts";

/**
 * The pool, then the group by its exact name: `ResourceNotFoundException: Group not found.` when the
 * pool has no such group (checks run validation → pool → group, docs/admin-users.md#groups).
 */
export async function requirePoolAndGroup(
  store: Store,
  poolId: string,
  groupName: string,
): Promise<{ pool: PoolRecord; group: GroupRecord }> {
  const pool = await requirePool(store, poolId);
  const group = await store.groups.get(pool.id, groupName);
  if (!group) throw errors.groupNotFound();
  return { pool, group };
}

/**
 * AdminAddUserToGroup / AdminRemoveUserFromGroup: pool, then group, then user (username or active
 * alias). The group is checked first; AWS documents no order (docs/admin-users.md#groups).
 */
export async function requireMembershipParties(
  store: Store,
  poolId: string,
  groupName: string,
  username: string,
): Promise<{ pool: PoolRecord; group: GroupRecord; user: UserRecord }> {
  const { group } = await requirePoolAndGroup(store, poolId, groupName);
  const { pool, user } = await requirePoolAndUser(store, poolId, username);
  return { pool, group, user };
}
