import type { PoolRecord, Store, UserRecord } from "../../storage/ports.ts";
import { saveUser } from "./admin-user.ts";

/**
 * GlobalSignOut / AdminUserGlobalSignOut (docs/operations.md#token-authorised-operations): revokes every refresh token of the user and
 * records the instant in `meta.tokensRevokedBefore`, so every access token minted at or before it is
 * refused with `Access Token has been revoked` (tokens/verify.ts assertNotSignedOut) and so is any
 * refresh token issued before it (auth-flows/refresh.ts).
 */
export async function signOutEverywhere(
  store: Store,
  pool: PoolRecord,
  user: UserRecord,
  now: number,
): Promise<void> {
  await store.tokens.revokeUser(pool.id, user.sub, now);
  await saveUser(store, pool, { ...user, meta: { ...user.meta, tokensRevokedBefore: now }, modifiedAt: now });
}
