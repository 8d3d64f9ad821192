/** Groups (docs/admin-users.md#groups): lookups, changes, listings, the GroupType view and the token claims. */
export { renderGroup } from "./group-view.ts";
export { requirePoolAndGroup } from "./lookup.ts";
export {
  addUserToGroup,
  createGroup,
  MAX_GROUPS_PER_POOL,
  MAX_GROUPS_PER_USER,
  type NewGroup,
  updatedGroup,
} from "./manage.ts";
export { changeMembership, type MembershipRequest } from "./membership.ts";
export { type GroupListingPage, groupListingPage } from "./paging.ts";
export { type GroupClaims, groupClaims, groupClaimsFor } from "./token-groups.ts";
