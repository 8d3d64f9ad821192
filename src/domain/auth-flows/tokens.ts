import type { RefreshTokenRecord, UserRecord } from "../../storage/ports.ts";
import { uuidV7 } from "../../tokens/ids.ts";
import { type AuthenticationResult, issuerFor, mintTokens } from "../../tokens/index.ts";
import { groupClaimsFor } from "../groups/index.ts";
import { tokenValidity } from "../pools/client.ts";
import type { TokenGenerationSource } from "../sign-in-types.ts";
import type { AuthContext, AuthOutcome } from "./types.ts";

/** The attributes the client may read (ReadAttributes; all when unset), for the ID token. */
export function readableAttributes(
  ctx: Pick<AuthContext, "clientConfig">,
  user: UserRecord,
): Record<string, string> {
  const allowed = ctx.clientConfig.ReadAttributes;
  if (!allowed) return { ...user.attributes };
  return Object.fromEntries(Object.entries(user.attributes).filter(([name]) => allowed.includes(name)));
}

/**
 * Mints the tokens of a successful step with the client's lifetimes (docs/tokens.md#lifetimes): PreTokenGeneration
 * first, PostAuthentication after (docs/operations.md#initiateauth step 7). A refresh passes its record: the new pair keeps
 * its origin_jti and auth_time and no new refresh token is issued (docs/operations.md#initiateauth, docs/wire-protocol.md#what-the-clients-rely-on).
 */
export async function issueTokens(
  ctx: AuthContext,
  user: UserRecord,
  source: TokenGenerationSource,
  refresh?: RefreshTokenRecord,
  device?: TokenDevice,
): Promise<AuthOutcome> {
  if (ctx.hosted && !refresh) {
    // Managed login: the user is signed in; tokens come from the token endpoint (docs/oauth.md).
    await ctx.hooks.postAuthentication({ user });
    return { kind: "signed-in", user };
  }
  return { kind: "tokens", result: await mintFor(ctx, user, source, refresh, { device }) };
}

/**
 * The tracked device of a sign-in (docs/mfa.md#remembered-devices): its key goes into the access token
 * as `device_key`; a device registered by this sign-in is also announced as NewDeviceMetadata.
 */
export interface TokenDevice {
  key: string;
  newGroupKey?: string;
}

/** What the OAuth endpoints grant (docs/oauth.md#tokens): the scopes, the authorize request's nonce. */
export interface OAuthGrant {
  scope: string;
  nonce?: string;
}

const grantContext = (originJti: string): string => `oauth-grant:${originJti}`;

/**
 * The scopes of an OAuth sign-in, kept under its origin_jti for as long as its refresh token lives,
 * so a refresh (token endpoint or REFRESH_TOKEN_AUTH) mints the same scopes. A session row: the
 * housekeeping sweep removes it when it expires.
 */
async function rememberGrant(
  ctx: AuthContext,
  originJti: string,
  scope: string,
  expiresAt: number,
): Promise<void> {
  await ctx.services.store.sessions.put({
    id: `grant:${originJti}`,
    poolId: ctx.pool.id,
    data: ctx.services.box.seal(scope, grantContext(originJti)),
    expiresAt,
    usedAt: null,
  });
}

async function grantOf(ctx: AuthContext, originJti: string): Promise<string | null> {
  const row = await ctx.services.store.sessions.get(`grant:${originJti}`);
  return row ? ctx.services.box.openString(row.data, grantContext(originJti)) : null;
}

/**
 * Which refresh-token families the OAuth endpoints minted, without a read: their origin_jti is a
 * UUIDv7 whose 12 `rand_a` bits are a MAC of the rest under the server's secret (no schema change, and
 * to anyone without the secret it is as random as any other). Only such a family's refresh looks up
 * its grant; an API family skips the read, except for the one in 4,096 whose bits match by chance,
 * whose read finds no grant and changes nothing. Rotation keeps the origin_jti, so the mark too.
 * Which kind a family is depends on how it was minted, never on whether a name exists.
 */
const familyTag = (ctx: AuthContext, id: string): string =>
  ctx.services.secrets.macHex("oauth-family", `${id.slice(0, 15)}${id.slice(18)}`).slice(0, 3);

function oauthOriginJti(ctx: AuthContext): string {
  const id = uuidV7(ctx.now);
  return `${id.slice(0, 15)}${familyTag(ctx, id)}${id.slice(18)}`;
}

const isOAuthFamily = (ctx: AuthContext, originJti: string): boolean =>
  originJti.length === 36 && originJti.slice(15, 18) === familyTag(ctx, originJti);

/**
 * The AuthenticationResult alone (GetTokensFromRefreshToken answers it without a wrapper); `rotate`
 * adds a new refresh token to a refresh.
 */
export async function mintFor(
  ctx: AuthContext,
  user: UserRecord,
  source: TokenGenerationSource,
  refresh?: RefreshTokenRecord,
  opts: { rotate?: boolean; device?: TokenDevice | undefined; grant?: OAuthGrant } = {},
): Promise<AuthenticationResult> {
  const v = tokenValidity(ctx.clientConfig);
  const grant = opts.grant;
  const oauthScope =
    grant?.scope ??
    (refresh && isOAuthFamily(ctx, refresh.originJti) ? await grantOf(ctx, refresh.originJti) : null);
  // Memberships are read at every minting, refreshes included: a change shows in the next tokens.
  const own = await groupClaimsFor(ctx.services.store, ctx.pool.id, user.sub);
  const claimOverrides = await ctx.hooks.preTokenGeneration({ user, source, groups: own });
  const groups = claimOverrides?.groups ?? own;
  const minted = await mintTokens(
    { keys: ctx.services.tokenKeys, tokens: ctx.services.store.tokens },
    {
      issuer: issuerFor(ctx.services.config.issuerBaseUrl, ctx.pool.id),
      poolId: ctx.pool.id,
      clientId: ctx.client.clientId,
      user: { sub: user.sub, username: user.username, attributes: readableAttributes(ctx, user) },
      authTime: refresh ? refresh.authTime : ctx.now,
      ...(refresh ? { originJti: refresh.originJti } : grant ? { originJti: oauthOriginJti(ctx) } : {}),
      accessValiditySeconds: v.access,
      idValiditySeconds: v.id,
      refreshValiditySeconds: v.refresh,
      // Rotation (docs/tokens.md#refresh-token-rotation): a new refresh token in the same family
      // (origin_jti) that ends when the rotated one would have.
      includeRefresh: refresh === undefined || opts.rotate === true,
      ...(refresh && opts.rotate ? { refreshExpiresAt: refresh.expiresAt } : {}),
      ...(claimOverrides ? { claimOverrides } : {}),
      ...(oauthScope !== null ? { scope: oauthScope } : {}),
      ...(claimOverrides?.scope !== undefined ? { scope: claimOverrides.scope } : {}),
      ...(oauthScope !== null
        ? {
            oauth: {
              idToken: oauthScope.split(" ").includes("openid"),
              ...(grant?.nonce !== undefined ? { nonce: grant.nonce } : {}),
            },
          }
        : {}),
      groups: groups.groupsToOverride,
      roles: groups.iamRolesToOverride,
      preferredRole: groups.preferredRole,
      now: ctx.now,
      ...(opts.device ? { deviceKey: opts.device.key } : {}),
    },
  );
  if (grant && minted.refreshRecord)
    await rememberGrant(ctx, minted.originJti, grant.scope, minted.refreshRecord.expiresAt);
  // Managed login ran PostAuthentication when the user signed in, not when the code is redeemed.
  if (!refresh && !grant) await ctx.hooks.postAuthentication({ user });
  const device = opts.device;
  if (device?.newGroupKey === undefined) return minted.authenticationResult;
  return {
    ...minted.authenticationResult,
    NewDeviceMetadata: { DeviceKey: device.key, DeviceGroupKey: device.newGroupKey },
  };
}
