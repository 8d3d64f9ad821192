import type { GroupRecord, Store, UserRecord } from "../../storage/ports.ts";
import { UniqueViolation } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";

/** AWS "Quotas in Amazon Cognito": groups per user pool (not adjustable) and groups per user. */
export const MAX_GROUPS_PER_POOL = 10_000;
export const MAX_GROUPS_PER_USER = 100;

export interface NewGroup {
  poolId: string;
  name: string;
  description?: string | undefined;
  roleArn?: string | undefined;
  precedence?: number | undefined;
}

/**
 * Creates a group (CreateGroup, and the seeding code's way in). The limit check and the insert share
 * one transaction; a name taken ignoring case is GroupExistsException.
 */
export async function createGroup(store: Store, g: NewGroup, now: number): Promise<GroupRecord> {
  const record: GroupRecord = {
    poolId: g.poolId,
    name: g.name,
    description: g.description ?? null,
    roleArn: g.roleArn ?? null,
    precedence: g.precedence ?? null,
    createdAt: now,
    modifiedAt: now,
  };
  try {
    await store.transaction(async (tx) => {
      if ((await tx.groups.count(g.poolId)) >= MAX_GROUPS_PER_POOL) throw errors.poolGroupLimit();
      await tx.groups.create(record);
    });
  } catch (e) {
    if (e instanceof UniqueViolation) throw errors.groupExists();
    throw e;
  }
  return record;
}

/**
 * UpdateGroup: a partial update — members left out keep their values (AWS API reference,
 * UpdateGroup: "updates any of the properties for precedence, IAM role, or description").
 */
export function updatedGroup(
  g: GroupRecord,
  change: { description?: string | undefined; roleArn?: string | undefined; precedence?: number | undefined },
  now: number,
): GroupRecord {
  return {
    ...g,
    description: change.description ?? g.description,
    roleArn: change.roleArn ?? g.roleArn,
    precedence: change.precedence ?? g.precedence,
    modifiedAt: now,
  };
}

/**
 * Adds a user to a group (AdminAddUserToGroup, and seeding). Idempotent: Cognito has no "already a
 * member" error. The per-user limit counts in the same transaction as the insert.
 */
export async function addUserToGroup(store: Store, group: GroupRecord, user: UserRecord): Promise<void> {
  await store.transaction(async (tx) => {
    if (await tx.groups.isMember(group.poolId, group.name, user.sub)) return;
    if ((await tx.groups.countGroupsOf(user.poolId, user.sub)) >= MAX_GROUPS_PER_USER) {
      throw errors.userGroupLimit();
    }
    await tx.groups.addMember(group.poolId, group.name, user.sub);
  });
}

/** Removes the membership if there is one (no error for a non-member, as in Cognito). */
export async function removeUserFromGroup(store: Store, group: GroupRecord, user: UserRecord): Promise<void> {
  await store.groups.removeMember(group.poolId, group.name, user.sub);
}
