import type { PoolRecord, Store, UserRecord } from "../../storage/ports.ts";
import { updateUser } from "./update-user.ts";

/**
 * GlobalSignOut / AdminUserGlobalSignOut (docs/operations.md#token-authorised-operations): revokes every refresh token of the user and
 * records the instant in `meta.tokensRevokedBefore`, so every access token minted at or before it is
 * refused with `Access Token has been revoked` (tokens/verify.ts assertNotSignedOut) and so is any
 * refresh token issued before it (auth-flows/refresh.ts). Both writes are one transaction, and the
 * instant is applied to the freshest row (never moved back), so no concurrent save undoes it
 * (docs/storage.md#no-lost-updates).
 */
export async function signOutEverywhere(
  store: Store,
  pool: PoolRecord,
  user: UserRecord,
  now: number,
): Promise<void> {
  await updateUser({ store }, pool, user, (u) => revokedSince(u, now), {
    also: (tx) => tx.store.tokens.revokeUser(pool.id, user.sub, now),
  });
}

/** The user with every token minted at or before `now` revoked (a later instant already set stays). */
export function revokedSince(u: UserRecord, now: number): UserRecord {
  const before = Number(u.meta.tokensRevokedBefore ?? 0);
  return { ...u, meta: { ...u.meta, tokensRevokedBefore: Math.max(before, now) }, modifiedAt: now };
}
