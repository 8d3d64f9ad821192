import { safeEqual } from "../../crypto/server-secrets.ts";
import type { RefreshTokenRecord, UserRecord } from "../../storage/ports.ts";
import { checkRefresh, openRefreshToken, TokenError } from "../../tokens/index.ts";
import { errors } from "../errors/index.ts";
import { anySecret, openSecrets } from "../pools/client-secrets.ts";
import { computeSecretHash } from "../pools/secret-hash.ts";
import { required } from "./params.ts";
import { refuse } from "./screen.ts";
import { issueTokens } from "./tokens.ts";
import type { AuthContext, AuthOutcome } from "./types.ts";

/** What a refresh token leads to, before any judgement: its record and that record's user, when they exist. */
interface Found {
  record: RefreshTokenRecord | null;
  user: UserRecord | null;
}

async function findRefresh(ctx: Pick<AuthContext, "services" | "pool">, token: string): Promise<Found> {
  const { store, tokenKeys } = ctx.services;
  const id = await openRefreshToken(tokenKeys, token);
  const record = id === null ? null : await store.tokens.getRefresh(id);
  const user =
    record && record.poolId === ctx.pool.id ? await store.users.findBySub(ctx.pool.id, record.sub) : null;
  return { record, user };
}

/**
 * Cognito's refusal for a found token (docs/errors.md): not ours / another client's → `Invalid Refresh
 * Token`, expired, revoked (RevokeToken, GlobalSignOut — also tokens minted before the user's last
 * global sign-out); the user gone → `User does not exist.`; disabled → `User is disabled.`
 */
function judgeRefresh(
  ctx: Pick<AuthContext, "services" | "pool" | "client" | "profile" | "now" | "api">,
  found: Found,
): { record: RefreshTokenRecord; user: UserRecord } {
  const record = checkRefresh(found.record, {
    clientId: ctx.client.clientId,
    poolId: ctx.pool.id,
    now: ctx.now,
  });
  const { user } = found;
  if (!user) refuse(ctx, "token-user-gone");
  const before = user.meta.tokensRevokedBefore;
  if (typeof before === "number" && record.createdAt <= before) {
    throw new TokenError("refresh", "revoked", "signed out globally");
  }
  if (!user.enabled) refuse(ctx, "disabled-user");
  assertNotRetired(record, ctx.now);
  return { record, user };
}

/** A token rotated out whose grace period has ended: RefreshTokenReuseException (docs/tokens.md#refresh-token-rotation). */
function assertNotRetired(record: RefreshTokenRecord, now: number): void {
  const retiresAt = record.retiresAt ?? null;
  if (retiresAt !== null && now >= retiresAt) throw errors.refreshTokenReused();
}

/** The client's refresh-token rotation, or null when it is off (the default). */
export function rotationOf(ctx: Pick<AuthContext, "clientConfig">): { graceSeconds: number } | null {
  const r = ctx.clientConfig.RefreshTokenRotation;
  if (r?.Feature !== "ENABLED") return null;
  return { graceSeconds: r.RetryGracePeriodSeconds ?? 0 };
}

/**
 * Rotates a refresh token out (GetTokensFromRefreshToken with rotation on,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html):
 * the first use marks it rotated and usable for RetryGracePeriodSeconds more; a retry inside that
 * period succeeds again (and gets a new token of its own), one after it gets
 * RefreshTokenReuseException. The mark is one conditional write, so of two rotations racing on one
 * token with no grace period exactly one wins.
 */
export async function retireRefresh(
  ctx: Pick<AuthContext, "services" | "now">,
  record: RefreshTokenRecord,
  graceSeconds: number,
): Promise<void> {
  const { tokens } = ctx.services.store;
  if ((record.rotatedAt ?? null) === null) {
    if (await tokens.markRotated(record.id, ctx.now, ctx.now + graceSeconds * 1000)) return;
    // Another request rotated it first: judge by what that request wrote.
    const current = await tokens.getRefresh(record.id);
    if (current === null) throw errors.invalidRefreshToken();
    assertNotRetired(current, ctx.now);
    return;
  }
  assertNotRetired(record, ctx.now);
}

/** The refresh record and user behind a refresh token, or Cognito's refusal (`judgeRefresh`). */
export async function loadRefresh(
  ctx: Pick<AuthContext, "services" | "pool" | "client" | "profile" | "now" | "api">,
  token: string,
): Promise<{ record: RefreshTokenRecord; user: UserRecord }> {
  return judgeRefresh(ctx, await findRefresh(ctx, token));
}

/**
 * SECRET_HASH on a refresh is computed by clients over the user's name, which the request does not
 * carry: accept the internal username or the sub (what email/phone-username pools use as username),
 * both read from the token's record. It is checked before anything is said about the token, so a
 * caller without the client secret learns nothing about it: live, expired, revoked or garbage, a
 * wrong hash gets the same secret-hash error (a token that leads to no record has no name to check
 * against, so no hash matches it). The two MACs are computed either way.
 */
function assertRefreshSecretHash(ctx: AuthContext, found: Found, given: string): void {
  const secrets = openSecrets(ctx.services.box, ctx.client);
  if (secrets.length === 0) return;
  const names = [found.user?.username, found.record?.sub];
  const ok = names.map((n) => {
    const equal = anySecret(secrets, (secret) =>
      safeEqual(computeSecretHash(secret, n ?? "", ctx.client.clientId), given),
    );
    return n !== undefined && equal;
  });
  if (!ok.includes(true)) throw errors.secretMismatch(ctx.client.clientId);
}

/** REFRESH_TOKEN_AUTH / REFRESH_TOKEN: new ID and access tokens, no new refresh token (docs/operations.md#initiateauth, docs/wire-protocol.md#what-the-clients-rely-on). */
export async function refreshFlow(ctx: AuthContext, params: Record<string, string>): Promise<AuthOutcome> {
  // "You can't authenticate with REFRESH_TOKEN_AUTH in app clients with refresh token rotation
  // enabled" (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html):
  // refused as a flow the client does not allow (docs/tokens.md#refresh-token-rotation).
  if (rotationOf(ctx) !== null) throw errors.authFlowNotEnabled();
  const token = required(params, "REFRESH_TOKEN");
  const hash = params.SECRET_HASH ?? "";
  if (ctx.client.secret !== null && hash === "") throw errors.secretMissing(ctx.client.clientId);
  const found = await findRefresh(ctx, token);
  assertRefreshSecretHash(ctx, found, hash);
  const { record, user } = judgeRefresh(ctx, found);
  return issueTokens(ctx, user, "TokenGeneration_RefreshTokens", record);
}
