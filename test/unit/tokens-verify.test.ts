import assert from "node:assert/strict";
import { test } from "node:test";
import { CompactSign, generateKeyPair } from "jose";
import {
  assertNotSignedOut,
  checkRefresh,
  issuerFor,
  mintTokens,
  openIdConfiguration,
  openRefreshToken,
  poolIdFromIssuer,
  TokenError,
  verifyAccessToken,
} from "../../src/tokens/index.ts";
import { BASE_URL, CLIENT_ID, fixture, ISSUER, mintInput, POOL_ID, part } from "./tokens-fixture.ts";

const T0 = 1_729_378_360_000;
const f = await fixture(T0);
const minted = await mintTokens(f.deps, mintInput(T0));
const access = minted.authenticationResult.AccessToken;
const refresh = minted.authenticationResult.RefreshToken ?? "";

/** Asserts a NotAuthorizedException with exactly this message. */
async function rejectsWith(p: Promise<unknown>, message: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof TokenError, String(e));
    assert.equal(e.type, "NotAuthorizedException");
    assert.equal(e.message, message);
    return true;
  });
}

const verify = (token: string, now = T0 + 1000, poolId: string | undefined = POOL_ID) =>
  verifyAccessToken(f.deps, token, { now, ...(poolId === undefined ? {} : { poolId }) });

test("a valid access token yields its facts and names its pool", async () => {
  const info = await verify(access, T0 + 1000, undefined);
  assert.equal(info.poolId, POOL_ID);
  assert.equal(info.clientId, CLIENT_ID);
  assert.equal(info.username, "yonsama010");
  assert.equal(info.originJti, minted.originJti);
  assert.deepEqual(info.scopes, ["aws.cognito.signin.user.admin"]);
  assert.equal(info.mintedAt, T0);
  assert.equal(info.exp, T0 / 1000 + 3600);
  await verifyAccessToken(f.deps, access, { now: T0, issuer: ISSUER });
});

test("garbage, ID tokens, forged and other pools' tokens are Invalid Access Token", async () => {
  const [h, p, s] = access.split(".") as [string, string, string];
  const otherPayload = Buffer.from(JSON.stringify({ ...part(access, 1), username: "admin" })).toString(
    "base64url",
  );
  const flipped = `${s.slice(0, -2)}${s.endsWith("AA") ? "BB" : "AA"}`;
  // Signed by an attacker's key under our kid.
  const { privateKey } = await generateKeyPair("RS256");
  const forged = await new CompactSign(Buffer.from(JSON.stringify(part(access, 1))))
    .setProtectedHeader(part(access, 0) as { alg: string })
    .sign(privateKey);
  const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${p}.`;
  for (const bad of [
    "",
    "abc",
    "a.b.c",
    `${h}.${p}`,
    `${h}.${otherPayload}.${s}`,
    `${h}.${p}.${flipped}`,
    forged,
    unsigned,
  ]) {
    await rejectsWith(verify(bad), "Invalid Access Token");
  }
  await rejectsWith(verify(minted.authenticationResult.IdToken), "Invalid Access Token");
  await rejectsWith(verify(refresh), "Invalid Access Token");
  await rejectsWith(verify(access, T0 + 1000, "local_otherPool1"), "Invalid Access Token");
  const otherPool = "local_otherPool1";
  const theirs = await mintTokens(
    f.deps,
    mintInput(T0, { poolId: otherPool, issuer: issuerFor(BASE_URL, otherPool), includeRefresh: false }),
  );
  await rejectsWith(verify(theirs.authenticationResult.AccessToken), "Invalid Access Token");
  await rejectsWith(
    verifyAccessToken(f.deps, access, { now: T0, issuer: issuerFor("https://elsewhere", POOL_ID) }),
    "Invalid Access Token",
  );
});

test("an expired access token is 'Access Token has expired' (exp is exclusive)", async () => {
  await verify(access, T0 + 3600_000 - 1);
  await rejectsWith(verify(access, T0 + 3600_000), "Access Token has expired");
});

test("RevokeToken's origin revocation reaches access and refresh tokens", async () => {
  const m = await mintTokens(f.deps, mintInput(T0));
  assert.ok(m.refreshRecord, "the family's refresh token was stored");
  await f.store.tokens.revokeOrigin(m.refreshRecord, T0 + 5, T0 + 86_400_000);
  await rejectsWith(verify(m.authenticationResult.AccessToken), "Access Token has been revoked");
  const id = await openRefreshToken(f.keys, m.authenticationResult.RefreshToken ?? "");
  const record = await f.store.tokens.getRefresh(id ?? "");
  assert.throws(() => checkRefresh(record, { clientId: CLIENT_ID, now: T0 + 10 }), {
    message: "Refresh Token has been revoked",
  });
  // Expired beats revoked for access tokens.
  await rejectsWith(verify(m.authenticationResult.AccessToken, T0 + 7200_000), "Access Token has expired");
});

test("GlobalSignOut: tokens minted at or before tokensRevokedBefore are revoked, later ones are not", async () => {
  const info = await verify(access);
  assertNotSignedOut(info, undefined);
  assertNotSignedOut(info, T0 - 1);
  assert.throws(() => assertNotSignedOut(info, T0), { message: "Access Token has been revoked" });
  // Same second as the sign-out, one millisecond later: a fresh sign-in is not caught (ms precision).
  const again = await mintTokens(f.deps, mintInput(T0 + 1, { includeRefresh: false }));
  assertNotSignedOut(await verify(again.authenticationResult.AccessToken), T0);
});

test("refresh tokens: open, and Cognito's messages for invalid, expired and revoked", async () => {
  const id = await openRefreshToken(f.keys, refresh);
  const record = await f.store.tokens.getRefresh(id ?? "");
  assert.ok(record);
  assert.equal(checkRefresh(record, { clientId: CLIENT_ID, poolId: POOL_ID, now: T0 + 1 }), record);
  const fails = (r: typeof record | null, clientId: string, now: number, message: string, poolId?: string) =>
    assert.throws(
      () => checkRefresh(r, { clientId, now, ...(poolId ? { poolId } : {}) }),
      (e: unknown) => {
        assert.ok(e instanceof TokenError);
        assert.equal(e.type, "NotAuthorizedException");
        assert.equal(e.message, message);
        return true;
      },
    );
  fails(null, CLIENT_ID, T0, "Invalid Refresh Token");
  fails(record, "someotherclient", T0, "Invalid Refresh Token");
  fails(record, CLIENT_ID, T0, "Invalid Refresh Token", "local_otherPool1");
  fails(record, CLIENT_ID, record.expiresAt, "Refresh Token has expired");
  fails({ ...record, revokedAt: T0 }, CLIENT_ID, T0 + 1, "Refresh Token has been revoked");
  await f.store.tokens.revokeUser(POOL_ID, record.sub, T0 + 2);
  fails(await f.store.tokens.getRefresh(record.id), CLIENT_ID, T0 + 3, "Refresh Token has been revoked");
});

test("openRefreshToken returns null for anything that is not our refresh token", async () => {
  const parts = refresh.split(".");
  // The ciphertext's first character changed: its six bits are all data, so the bytes always differ
  // (overwriting the last two with "AA" was a no-op whenever they already read so, or their bits were padding).
  const ct = parts[3] ?? "";
  const tamperedCt = [...parts.slice(0, 3), `${ct.startsWith("A") ? "B" : "A"}${ct.slice(1)}`, parts[4]].join(
    ".",
  );
  for (const bad of [
    "",
    "a.b.c.d.e",
    access,
    tamperedCt,
    `${refresh}x`,
    refresh.replace(/^[^.]+/, "eyJhbGciOiJkaXIifQ"),
  ]) {
    assert.equal(await openRefreshToken(f.keys, bad), null, bad.slice(0, 20));
  }
  // Another server's refresh token (other keys) does not open.
  const g = await fixture(T0);
  const theirs = await mintTokens(g.deps, mintInput(T0));
  assert.equal(await openRefreshToken(f.keys, theirs.authenticationResult.RefreshToken ?? ""), null);
  await rejectsWith(verify(theirs.authenticationResult.AccessToken), "Invalid Access Token");
});

test("issuer helpers and the OpenID configuration document", () => {
  assert.equal(issuerFor(`${BASE_URL}/`, POOL_ID), ISSUER);
  assert.equal(poolIdFromIssuer(ISSUER), POOL_ID);
  assert.equal(
    poolIdFromIssuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz"),
    "eu-west-1_AbC123xyz",
  );
  assert.equal(poolIdFromIssuer("https://example.com/notapool"), null);
  assert.equal(poolIdFromIssuer("local_abc"), null);
  const doc = openIdConfiguration(ISSUER);
  assert.equal(doc.issuer, ISSUER);
  assert.equal(doc.jwks_uri, `${ISSUER}/.well-known/jwks.json`);
  assert.deepEqual(doc.id_token_signing_alg_values_supported, ["RS256"]);
  assert.deepEqual(doc.subject_types_supported, ["public"]);
  assert.ok(Array.isArray(doc.response_types_supported));
  assert.equal(doc.authorization_endpoint, undefined);
});
