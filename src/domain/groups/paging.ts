import type { SecretBox } from "../../crypto/secret-box.ts";
import { openPageToken, sealPageToken } from "../users/page-token.ts";

/** What one group listing asks for. */
export interface GroupListingRequest<T> {
  /** The operation and what it lists (its pool, and the group or user): a NextToken is bound to it. */
  scope: readonly string[];
  /** The request's Limit: 0 or absent is 60, the largest Limit Cognito accepts. */
  limit: number | undefined;
  nextToken: string | undefined;
  /** The store's read: up to `limit` rows after the cursor `after`, in the listing's order. */
  fetch: (limit: number, after: string | undefined) => Promise<T[]>;
  /** A row's cursor, as `fetch` takes it back. */
  cursorOf: (row: T) => string;
}

/** One page of a group listing, and the NextToken when more rows remain. */
export interface GroupListingPage<T> {
  items: T[];
  NextToken?: string;
}

/**
 * Paging shared by ListGroups, ListUsersInGroup and AdminListGroupsForUser (docs/admin-users.md#groups):
 * the store is asked for one row more than the page holds, so a NextToken is given only when more
 * remain; it is the page's last cursor sealed and bound to the scope, so another listing's token is
 * refused with InvalidParameterException before the store is read (../users/page-token.ts).
 */
export async function groupListingPage<T>(
  box: SecretBox,
  req: GroupListingRequest<T>,
): Promise<GroupListingPage<T>> {
  const scope = JSON.stringify(req.scope);
  const after = req.nextToken === undefined ? undefined : openPageToken(box, scope, req.nextToken);
  const size = req.limit || 60;
  const rows = await req.fetch(size + 1, after);
  const items = rows.slice(0, size);
  const last = items[items.length - 1];
  if (rows.length > size && last) return { items, NextToken: sealPageToken(box, scope, req.cursorOf(last)) };
  return { items };
}
