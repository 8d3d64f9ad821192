import type { SecretBox } from "../../crypto/secret-box.ts";
import { errors } from "../errors/index.ts";

/**
 * ListUsers PaginationToken: the store's opaque cursor sealed with the master key and bound to the
 * pool and the query, so a token is only accepted for the listing that issued it and a forged or
 * edited one is refused with InvalidParameterException instead of reaching the store.
 */
const context = (scope: string): string => `page-token:${scope}`;

export const sealPageToken = (box: SecretBox, scope: string, cursor: string): string =>
  box.seal(cursor, context(scope));

export function openPageToken(box: SecretBox, scope: string, token: string): string {
  const cursor = box.openString(token, context(scope));
  if (cursor === null) throw errors.invalidPaginationToken();
  return cursor;
}
