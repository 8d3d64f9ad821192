import { safeEqual } from "../../crypto/server-secrets.ts";
import type { RefreshTokenRecord, UserRecord } from "../../storage/ports.ts";
import { checkRefresh, openRefreshToken, TokenError } from "../../tokens/index.ts";
import { errors } from "../errors/index.ts";
import { openSecret } from "../pools/client.ts";
import { computeSecretHash } from "../pools/secret-hash.ts";
import { required } from "./params.ts";
import { refuse } from "./screen.ts";
import { issueTokens } from "./tokens.ts";
import type { AuthContext, AuthOutcome } from "./types.ts";

/**
 * The refresh record and user behind a refresh token, or Cognito's refusal (docs/errors.md): not ours /
 * another client's → `Invalid Refresh Token`, expired, revoked (RevokeToken, GlobalSignOut — also
 * tokens minted before the user's last global sign-out); the user gone → `User does not exist.`;
 * disabled → `User is disabled.`
 */
export async function loadRefresh(
  ctx: Pick<AuthContext, "services" | "pool" | "client" | "profile" | "now" | "api">,
  token: string,
): Promise<{ record: RefreshTokenRecord; user: UserRecord }> {
  const { store, tokenKeys } = ctx.services;
  const id = await openRefreshToken(tokenKeys, token);
  const found = id === null ? null : await store.tokens.getRefresh(id);
  const record = checkRefresh(found, { clientId: ctx.client.clientId, poolId: ctx.pool.id, now: ctx.now });
  const user = await store.users.findBySub(ctx.pool.id, record.sub);
  if (!user) refuse(ctx, "token-user-gone");
  const before = user.meta.tokensRevokedBefore;
  if (typeof before === "number" && record.createdAt <= before) {
    throw new TokenError("refresh", "revoked", "signed out globally");
  }
  if (!user.enabled) refuse(ctx, "disabled-user");
  return { record, user };
}

/**
 * SECRET_HASH on a refresh is computed by clients over the user's name, which the request does not
 * carry: accept the internal username or the sub (what email/phone-username pools use as username).
 * A missing hash is refused before the token is opened.
 */
function assertRefreshSecretHash(ctx: AuthContext, user: UserRecord, given: string): void {
  const secret = openSecret(ctx.services.box, ctx.client);
  if (secret === null) return;
  const ok = [user.username, user.sub].map((n) =>
    safeEqual(computeSecretHash(secret, n, ctx.client.clientId), given),
  );
  if (!ok.includes(true)) throw errors.secretMismatch(ctx.client.clientId);
}

/** REFRESH_TOKEN_AUTH / REFRESH_TOKEN: new ID and access tokens, no new refresh token (docs/operations.md#initiateauth, docs/wire-protocol.md#what-the-clients-rely-on). */
export async function refreshFlow(ctx: AuthContext, params: Record<string, string>): Promise<AuthOutcome> {
  const token = required(params, "REFRESH_TOKEN");
  const hash = params.SECRET_HASH ?? "";
  if (ctx.client.secret !== null && hash === "") throw errors.secretMissing(ctx.client.clientId);
  const { record, user } = await loadRefresh(ctx, token);
  assertRefreshSecretHash(ctx, user, hash);
  return issueTokens(ctx, user, "TokenGeneration_RefreshTokens", record);
}
