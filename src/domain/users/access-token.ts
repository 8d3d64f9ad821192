import type { Services } from "../../services.ts";
import type { PoolRecord, UserRecord } from "../../storage/ports.ts";
import {
  type AccessTokenInfo,
  assertNotSignedOut,
  NATIVE_SCOPE,
  TokenError,
  verifyAccessToken,
} from "../../tokens/index.ts";
import { errors } from "../errors/index.ts";
import type { AuthOperation } from "../existence/auth-rows.ts";
import { existence } from "../existence/index.ts";

export interface Authorized {
  info: AccessTokenInfo;
  pool: PoolRecord;
  user: UserRecord;
  /** The request's time, read once. */
  now: number;
}

/**
 * The gate of every token-authorised operation (docs/operations.md#token-authorised-operations): a valid, unexpired, unrevoked access token
 * of ours with the `aws.cognito.signin.user.admin` scope, whose user still exists, has not signed out
 * globally since the token was minted, and is enabled. Messages per docs/errors.md.
 */
export async function authorizeAccessToken(
  services: Pick<Services, "store" | "tokenKeys" | "clock" | "probe">,
  token: string,
  operation: AuthOperation,
): Promise<Authorized> {
  const now = services.clock.now();
  const info = await verifyAccessToken({ keys: services.tokenKeys, tokens: services.store.tokens }, token, {
    now,
  });
  if (!info.scopes.includes(NATIVE_SCOPE)) throw errors.missingScopes();
  const pool = await services.store.pools.get(info.poolId);
  if (!pool) throw new TokenError("access", "invalid", "pool deleted");
  const user = await services.store.users.findBySub(pool.id, info.sub);
  if (!user) {
    existence.decideOrThrow(null, operation, "token-user-gone", services.probe);
    throw new TokenError("access", "invalid", "user deleted");
  }
  assertStillAuthorized(info, user);
  return { info, pool, user, now };
}

/**
 * The part of the gate that depends on the user row: not signed out globally since the token was
 * minted, and enabled. Checked again on the fresh row inside a write (../users/update-user.ts), so a
 * change made with a token cannot land after a disable or a sign-out that revoked it.
 */
export function assertStillAuthorized(info: AccessTokenInfo, user: UserRecord): void {
  assertNotSignedOut(info, user.meta.tokensRevokedBefore);
  if (!user.enabled) throw errors.userDisabled();
}

/** The access-token member of the model (TokenModelType: `[A-Za-z0-9-_=.]+`, sensitive). */
export const ACCESS_TOKEN_PATTERN = /^[A-Za-z0-9-_=.]+$/;
