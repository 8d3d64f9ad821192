import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { issuerFor, jwks, mintTokens, openRefreshToken } from "../../src/tokens/index.ts";
import { CLIENT_ID, fixture, ISSUER, mintInput, POOL_ID, part } from "./tokens-fixture.ts";

const f = await fixture();
const minted = await mintTokens(f.deps, mintInput(f.clock.now, { groups: ["admins"] }));
const result = minted.authenticationResult;

test("ID and access tokens verify with aws-jwt-verify against the JWKS document", async () => {
  const jwksUri = `${ISSUER}/.well-known/jwks.json`;
  const idVerifier = JwtVerifier.create({
    issuer: ISSUER,
    audience: CLIENT_ID,
    jwksUri,
    customJwtCheck: ({ payload }) => assert.equal(payload.token_use, "id"),
  });
  // Access tokens carry client_id, not aud [docs/tokens.md#what-the-tokens-contain]: check it the way CognitoJwtVerifier does.
  const accessVerifier = JwtVerifier.create({
    issuer: ISSUER,
    audience: null,
    jwksUri,
    scope: "aws.cognito.signin.user.admin",
    customJwtCheck: ({ payload }) => {
      assert.equal(payload.token_use, "access");
      assert.equal(payload.client_id, CLIENT_ID);
    },
  });
  const doc = await jwks(f.keys);
  idVerifier.cacheJwks(doc);
  accessVerifier.cacheJwks(doc);
  assert.equal((await idVerifier.verify(result.IdToken))["cognito:username"], "yonsama010");
  assert.equal((await accessVerifier.verify(result.AccessToken)).username, "yonsama010");
  // A verifier for another pool rejects them.
  const other = JwtVerifier.create({ issuer: `${ISSUER}x`, audience: CLIENT_ID, jwksUri });
  other.cacheJwks(doc);
  await assert.rejects(other.verify(result.IdToken));
});

test("the docs/tokens.md recipe: aws-jwt-verify fetching the JWKS over plain HTTP", async () => {
  const server = createServer((req, res) => {
    void jwks(f.keys).then((doc) => {
      res.writeHead(req.url === `/${POOL_ID}/.well-known/jwks.json` ? 200 : 404, {
        "content-type": "application/json",
      });
      res.end(JSON.stringify(doc));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const issuer = issuerFor(`http://127.0.0.1:${port}`, POOL_ID);
    const r = await mintTokens(f.deps, mintInput(Date.now(), { issuer, includeRefresh: false }));
    // aws-jwt-verify's own fetcher speaks HTTPS only; a local hushpool on http needs this one-line fetcher.
    const jwksCache = new SimpleJwksCache({
      fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() },
    });
    const verifier = JwtVerifier.create(
      { issuer, jwksUri: `${issuer}/.well-known/jwks.json`, audience: CLIENT_ID },
      { jwksCache },
    );
    assert.equal(
      (await verifier.verify(r.authenticationResult.IdToken)).sub,
      "07d42af8-0000-4000-8000-000000000001",
    );
  } finally {
    server.close();
  }
});

test("AuthenticationResult has Cognito's members in Cognito's order", () => {
  assert.deepEqual(Object.keys(result), ["AccessToken", "ExpiresIn", "IdToken", "RefreshToken", "TokenType"]);
  assert.equal(result.ExpiresIn, 3600);
  assert.equal(result.TokenType, "Bearer");
});

test("headers are {kid, alg} only, and ID and access tokens use different keys", async () => {
  const idHeader = part(result.IdToken, 0);
  const accessHeader = part(result.AccessToken, 0);
  assert.deepEqual(Object.keys(idHeader), ["kid", "alg"]);
  assert.deepEqual(Object.keys(accessHeader), ["kid", "alg"]);
  assert.equal(idHeader.alg, "RS256");
  assert.notEqual(idHeader.kid, accessHeader.kid);
  for (const kid of [idHeader.kid, accessHeader.kid]) {
    assert.match(String(kid), /^[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(String(kid), "base64").length, 32);
  }
  const doc = await jwks(f.keys);
  assert.deepEqual(doc.keys.map((k) => k.kid).sort(), [idHeader.kid, accessHeader.kid].sort());
  assert.deepEqual(Object.keys(doc.keys[0] ?? {}), ["kid", "alg", "kty", "e", "n", "use"]);
});

test("access token claims are exactly Cognito's, in order, with no aud", () => {
  const c = part(result.AccessToken, 1);
  assert.deepEqual(Object.keys(c), [
    "sub",
    "cognito:groups",
    "iss",
    "client_id",
    "origin_jti",
    "event_id",
    "token_use",
    "scope",
    "auth_time",
    "exp",
    "iat",
    "jti",
    "username",
  ]);
  const iat = Math.floor(f.clock.now / 1000);
  assert.equal(c.iss, ISSUER);
  assert.equal(c.client_id, CLIENT_ID);
  assert.equal(c.origin_jti, minted.originJti);
  assert.equal(c.event_id, minted.eventId);
  assert.equal(c.scope, "aws.cognito.signin.user.admin");
  assert.deepEqual([c.auth_time, c.iat, c.exp], [iat, iat, iat + 3600]);
  assert.deepEqual(c["cognito:groups"], ["admins"]);
});

test("ID token claims: attributes typed as Cognito does, then the fixed claims", () => {
  const c = part(result.IdToken, 1);
  const a = part(result.AccessToken, 1);
  assert.deepEqual(Object.keys(c), [
    "sub",
    "cognito:groups",
    "email_verified",
    "locale",
    "email",
    "custom:team",
    "iss",
    "cognito:username",
    "origin_jti",
    "aud",
    "event_id",
    "token_use",
    "auth_time",
    "exp",
    "iat",
    "jti",
  ]);
  assert.equal(c.email_verified, true);
  assert.equal(c["custom:team"], "7");
  assert.equal(c.aud, CLIENT_ID);
  assert.equal(c.token_use, "id");
  assert.equal(c.event_id, a.event_id);
  assert.equal(c.origin_jti, a.origin_jti);
  assert.notEqual(c.jti, a.jti);
});

test("the refresh token is a five-part JWE with Cognito's header that opens to its stored record", async () => {
  const token = result.RefreshToken ?? "";
  assert.equal(token.split(".").length, 5);
  assert.deepEqual(part(token, 0), { cty: "JWT", enc: "A256GCM", alg: "RSA-OAEP" });
  const id = await openRefreshToken(f.keys, token);
  assert.equal(id, minted.refreshRecord?.id);
  const stored = await f.store.tokens.getRefresh(id ?? "");
  assert.deepEqual(stored, minted.refreshRecord);
  assert.equal(stored?.originJti, minted.originJti);
  assert.equal(stored?.expiresAt, f.clock.now + 30 * 86400 * 1000);
  // The token does not contain the record id in clear (the JWE hides it; the id is a hash).
  assert.ok(!token.includes(id ?? "-"));
});

test("a refresh without a new refresh token keeps origin_jti and auth_time", async () => {
  const later = f.clock.now + 600_000;
  const r = await mintTokens(
    f.deps,
    mintInput(later, { includeRefresh: false, originJti: minted.originJti, authTime: f.clock.now }),
  );
  assert.equal(r.authenticationResult.RefreshToken, undefined);
  assert.equal(r.refreshRecord, undefined);
  assert.deepEqual(Object.keys(r.authenticationResult), ["AccessToken", "ExpiresIn", "IdToken", "TokenType"]);
  const c = part(r.authenticationResult.AccessToken, 1);
  assert.equal(c.origin_jti, minted.originJti);
  assert.equal(c.auth_time, Math.floor(f.clock.now / 1000));
  assert.equal(c.iat, Math.floor(later / 1000));
});

test("PreTokenGeneration overrides: added, overridden, suppressed; protected claims untouched", async () => {
  const r = await mintTokens(
    f.deps,
    mintInput(f.clock.now, {
      includeRefresh: false,
      claimOverrides: {
        id: {
          claimsToAddOrOverride: { locale: "en", tier: "gold", sub: "forged", iss: "x", both: "1" },
          claimsToSuppress: ["email", "token_use", "both"],
        },
        access: {
          claimsToAddOrOverride: { client_id: "other", tenant: "t1" },
          claimsToSuppress: ["username"],
        },
      },
    }),
  );
  const id = part(r.authenticationResult.IdToken, 1);
  assert.equal(id.locale, "en");
  assert.equal(id.tier, "gold");
  assert.equal(id.email, undefined);
  assert.equal(id.both, undefined);
  assert.equal(id.sub, "07d42af8-0000-4000-8000-000000000001");
  assert.equal(id.iss, ISSUER);
  assert.equal(id.token_use, "id");
  const access = part(r.authenticationResult.AccessToken, 1);
  assert.equal(access.client_id, CLIENT_ID);
  assert.equal(access.tenant, "t1");
  assert.equal(access.username, "yonsama010");
});

test("a mismatch between issuer and pool id is a programming error", async () => {
  await assert.rejects(mintTokens(f.deps, mintInput(f.clock.now, { poolId: "local_other1" })), /issuer/);
});

test("no groups, no cognito:groups claim", async () => {
  const r = await mintTokens(f.deps, mintInput(f.clock.now, { includeRefresh: false }));
  assert.equal(part(r.authenticationResult.AccessToken, 1)["cognito:groups"], undefined);
  assert.equal(part(r.authenticationResult.IdToken, 1)["cognito:groups"], undefined);
});
