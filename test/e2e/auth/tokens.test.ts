import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { JwtRsaVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { confirmedUser, poolWithClient } from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/**
 * Tokens as an application verifies them: discovery → jwks_uri → aws-jwt-verify's JwtRsaVerifier
 * (docs/tokens.md). aws-jwt-verify fetches over https only; for the plain-http test server it gets a fetcher
 * built on the global fetch (docs/authentication.md shows the same snippet).
 */
let s: TestServer;
let poolId: string;
let clientId: string;
let tokens: { IdToken?: string; AccessToken?: string; RefreshToken?: string; ExpiresIn?: number };

const httpFetcher = {
  fetch: async (uri: string): Promise<ArrayBuffer> => (await fetch(uri)).arrayBuffer(),
};

before(async () => {
  s = await startTestServer();
  ({ poolId, clientId } = await poolWithClient(s, {
    client: {
      AccessTokenValidity: 5,
      IdTokenValidity: 2,
      TokenValidityUnits: { AccessToken: "minutes", IdToken: "hours" },
    },
  }));
  await confirmedUser(s, poolId, "tess", "Passw0rd!", {
    email: "tess@example.com",
    email_verified: "true",
  });
  const r = await s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: "tess", PASSWORD: "Passw0rd!" },
    }),
  );
  tokens = r.AuthenticationResult ?? {};
});
after(() => s.stop());

const getJson = async (path: string) => {
  const r = await fetch(`${s.url}${path}`);
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
};

test("discovery: the issuer is <base URL>/<poolId> and jwks_uri serves two signing keys", async () => {
  const oidc = await getJson(`/${poolId}/.well-known/openid-configuration`);
  assert.equal(oidc.status, 200);
  assert.equal(oidc.json.issuer, `${s.url}/${poolId}`);
  assert.equal(oidc.json.jwks_uri, `${s.url}/${poolId}/.well-known/jwks.json`);
  const jwks = await getJson(`/${poolId}/.well-known/jwks.json`);
  const keys = jwks.json.keys as { kid: string; alg: string; kty: string; use: string }[];
  assert.equal(keys.length, 2);
  for (const k of keys) assert.deepEqual([k.alg, k.kty, k.use], ["RS256", "RSA", "sig"]);
  const missing = await getJson("/us-east-1_NoSuchPool/.well-known/jwks.json");
  assert.equal(missing.status, 404);
  assert.equal(missing.json.__type, "ResourceNotFoundException");
});

test("aws-jwt-verify (JwtRsaVerifier) verifies both tokens via the discovered jwks_uri", async () => {
  const oidc = (await getJson(`/${poolId}/.well-known/openid-configuration`)).json;
  const jwksCache = new SimpleJwksCache({ fetcher: httpFetcher });
  const idVerifier = JwtRsaVerifier.create(
    { issuer: String(oidc.issuer), audience: clientId, jwksUri: String(oidc.jwks_uri) },
    { jwksCache },
  );
  const accessVerifier = JwtRsaVerifier.create(
    {
      issuer: String(oidc.issuer),
      audience: null,
      jwksUri: String(oidc.jwks_uri),
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== "access" || payload.client_id !== clientId)
          throw new Error("not our access token");
      },
    },
    { jwksCache },
  );
  const id = await idVerifier.verify(tokens.IdToken ?? "");
  const access = await accessVerifier.verify(tokens.AccessToken ?? "");
  assert.equal(id.token_use, "id");
  assert.equal(id["cognito:username"], "tess");
  assert.equal(id.email, "tess@example.com");
  assert.equal(id.email_verified, true);
  assert.equal(access.username, "tess");
  assert.equal(access.scope, "aws.cognito.signin.user.admin");
  assert.equal(access.origin_jti, id.origin_jti);
  assert.equal(access.event_id, id.event_id);
  assert.equal(access.sub, id.sub);
  await assert.rejects(idVerifier.verify(tokens.AccessToken ?? ""));
});

test("lifetimes come from the client: ExpiresIn and exp − iat", () => {
  assert.equal(tokens.ExpiresIn, 300);
  const claims = (jwt: string | undefined) =>
    JSON.parse(Buffer.from((jwt ?? "").split(".")[1] ?? "", "base64url").toString("utf8")) as Record<
      string,
      number
    >;
  const a = claims(tokens.AccessToken);
  const i = claims(tokens.IdToken);
  assert.equal((a.exp ?? 0) - (a.iat ?? 0), 300);
  assert.equal((i.exp ?? 0) - (i.iat ?? 0), 7200);
  const header = (jwt: string | undefined) =>
    JSON.parse(Buffer.from((jwt ?? "").split(".")[0] ?? "", "base64url").toString("utf8")) as { kid: string };
  assert.notEqual(header(tokens.AccessToken).kid, header(tokens.IdToken).kid);
  assert.equal(tokens.RefreshToken?.split(".").length, 5);
});
