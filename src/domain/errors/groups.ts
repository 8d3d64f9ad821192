import { make } from "./cognito-error.ts";

/**
 * Groups (docs/admin-users.md#groups; AWS API reference, CreateGroup and the group operations'
 * Errors sections). Names are unique in a pool regardless of letter case, so a name differing only
 * in case from an existing group is "already exists" too.
 */
export const groupErrors = {
  /** CreateGroup: the name (ignoring case) is taken in the pool. */
  groupExists: () => make("GroupExistsException", "A group with the name already exists."),
  /** Any group operation naming a group the pool does not have (exact-case lookup). */
  groupNotFound: () => make("ResourceNotFoundException", "Group not found."),
  /** CreateGroup beyond the 10,000 groups a pool may hold (AWS "Quotas in Amazon Cognito"). */
  poolGroupLimit: () => make("LimitExceededException", "Group limit exceeded for the user pool."),
  /** AdminAddUserToGroup beyond the 100 groups a user may belong to (same page). */
  userGroupLimit: () => make("LimitExceededException", "User has reached the maximum number of groups."),
};
