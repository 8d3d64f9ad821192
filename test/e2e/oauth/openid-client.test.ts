import assert from "node:assert/strict";
import { get } from "node:http";
import { after, before, test } from "node:test";
import {
  AdminAddUserToGroupCommand,
  CreateGroupCommand,
  GetUserCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import * as oidc from "openid-client";
import { confirmedUser, uniq } from "../../helpers/fixtures.ts";
import { Browser, CALLBACK, hostedPool, LOGOUT, oauthClient, signInOnPage } from "../../helpers/hosted.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/**
 * The hosted flow with openid-client (a certified OpenID Connect relying party): discovery, code +
 * PKCE through the managed-login page, refresh, userInfo, revocation, end session, and
 * client_credentials (docs/oauth.md).
 */
let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

const insecure = { execute: [oidc.allowInsecureRequests] };

test("code + PKCE S256 through /login, then refresh, userInfo, revoke and end session", async () => {
  const hp = await hostedPool(s);
  const { clientId, secret } = await oauthClient(s, hp.poolId, { GenerateSecret: true });
  const name = uniq("ada");
  await confirmedUser(s, hp.poolId, name, "Passw0rd!x", {
    email: `${name}@example.com`,
    email_verified: "true",
  });
  await s.client.send(new CreateGroupCommand({ UserPoolId: hp.poolId, GroupName: "admins" }));
  await s.client.send(
    new AdminAddUserToGroupCommand({ UserPoolId: hp.poolId, Username: name, GroupName: "admins" }),
  );

  const config = await oidc.discovery(
    new URL(hp.issuer),
    clientId,
    secret,
    oidc.ClientSecretBasic(secret),
    insecure,
  );
  const meta = config.serverMetadata();
  assert.equal(meta.authorization_endpoint, `${hp.base}/oauth2/authorize`);
  assert.equal(meta.end_session_endpoint, `${hp.base}/logout`);

  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: "openid email aws.cognito.signin.user.admin",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const browser = new Browser();
  const back = await signInOnPage(browser, s.url, url.toString(), name, "Passw0rd!x");
  assert.equal(back.status, 302, back.html);
  assert.ok(back.location.startsWith(`${CALLBACK}?code=`), back.location);

  const tokens = await oidc.authorizationCodeGrant(config, new URL(back.location), {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  assert.equal(tokens.token_type.toLowerCase(), "bearer");
  assert.ok(tokens.refresh_token);
  const id = tokens.claims();
  assert.equal(id?.nonce, nonce);
  assert.equal(id?.["cognito:username"], name);
  assert.ok(typeof id?.at_hash === "string");
  assert.deepEqual(id?.["cognito:groups"], ["admins"]);
  const access = decodeJwt(tokens.access_token);
  assert.equal(access.scope, "openid email aws.cognito.signin.user.admin");
  assert.equal(access.username, name);
  assert.equal(access.version, 2);
  // The granted admin scope makes the token good for the user-pool API too.
  const me = await s.client.send(new GetUserCommand({ AccessToken: tokens.access_token }));
  assert.equal(me.Username, name);

  const info = await oidc.fetchUserInfo(config, tokens.access_token, id?.sub ?? "");
  assert.equal(info.email, `${name}@example.com`);
  assert.equal(info.username, name);
  assert.equal(info.name, undefined); // no profile scope

  const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token);
  assert.equal(refreshed.refresh_token, undefined);
  assert.equal(decodeJwt(refreshed.access_token).scope, "openid email aws.cognito.signin.user.admin");

  // A second authorize rides the managed-login session: straight back with a code.
  const again = await browser.get(url.toString());
  assert.equal(again.status, 302);
  assert.ok(again.headers.get("location")?.startsWith(`${CALLBACK}?code=`));

  await oidc.tokenRevocation(config, tokens.refresh_token);
  await assert.rejects(
    oidc.refreshTokenGrant(config, tokens.refresh_token),
    (e: Error & { error?: string }) => e.error === "invalid_grant",
  );

  const end = oidc.buildEndSessionUrl(config, { client_id: clientId, logout_uri: LOGOUT });
  const out = await browser.get(end.toString());
  assert.equal(out.status, 302);
  assert.equal(out.headers.get("location"), LOGOUT);
  const afterLogout = await browser.get(url.toString());
  assert.ok(afterLogout.headers.get("location")?.includes("/login?"), "signed out: the page asks again");
});

test("PKCE plain, and a wrong verifier or a reused code is invalid_grant", async () => {
  const hp = await hostedPool(s);
  const { clientId } = await oauthClient(s, hp.poolId);
  const name = uniq("bob");
  await confirmedUser(s, hp.poolId, name, "Passw0rd!x");
  const config = await oidc.discovery(new URL(hp.issuer), clientId, undefined, oidc.None(), insecure);
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: "openid",
    code_challenge: verifier,
    code_challenge_method: "plain",
  });
  const back = await signInOnPage(new Browser(), s.url, url.toString(), name, "Passw0rd!x");
  const code = new URL(back.location).searchParams.get("code") ?? "";
  const tokenUrl = `${hp.base}/oauth2/token`;
  const post = (form: Record<string, string>) =>
    fetch(tokenUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
  const wrong = await post({
    grant_type: "authorization_code",
    client_id: clientId,
    code,
    redirect_uri: CALLBACK,
    code_verifier: "x".repeat(43),
  });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await wrong.json(), { error: "invalid_grant" });
  assert.match(wrong.headers.get("content-type") ?? "", /^application\/json;charset=UTF-8$/);
  // The code was used up by the failed attempt too (single use).
  const reuse = await post({
    grant_type: "authorization_code",
    client_id: clientId,
    code,
    redirect_uri: CALLBACK,
    code_verifier: verifier,
  });
  assert.deepEqual(await reuse.json(), { error: "invalid_grant" });
});

test("client_credentials: Basic or body auth, custom scopes, Cognito's JSON errors", async () => {
  const hp = await hostedPool(s);
  const m2m = await oauthClient(s, hp.poolId, {
    GenerateSecret: true,
    AllowedOAuthFlows: ["client_credentials"],
    AllowedOAuthScopes: ["orders/read", "orders/write"],
    CallbackURLs: [],
    LogoutURLs: [],
  });
  const config = await oidc.discovery(
    new URL(hp.issuer),
    m2m.clientId,
    m2m.secret,
    oidc.ClientSecretPost(m2m.secret),
    insecure,
  );
  const all = await oidc.clientCredentialsGrant(config);
  const claims = decodeJwt(all.access_token);
  assert.equal(claims.sub, m2m.clientId);
  assert.equal(claims.client_id, m2m.clientId);
  assert.equal(claims.scope, "orders/read orders/write");
  assert.equal(claims.token_use, "access");
  assert.equal(claims.username, undefined);
  assert.equal(all.refresh_token, undefined);
  const one = await oidc.clientCredentialsGrant(config, { scope: "orders/read" });
  assert.equal(decodeJwt(one.access_token).scope, "orders/read");

  const tokenUrl = `${hp.base}/oauth2/token`;
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
  const call = async (form: Record<string, string>, headers: Record<string, string> = {}) => {
    const r = await fetch(tokenUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form),
    });
    return { status: r.status, body: await r.json() };
  };
  assert.deepEqual(
    await call({ grant_type: "client_credentials" }, { Authorization: basic(m2m.clientId, "wrong") }),
    {
      status: 401,
      body: { error: "invalid_client" },
    },
  );
  assert.deepEqual(
    await call(
      { grant_type: "client_credentials", scope: "orders/delete" },
      { Authorization: basic(m2m.clientId, m2m.secret ?? "") },
    ),
    {
      status: 400,
      body: { error: "invalid_scope" },
    },
  );
  assert.deepEqual(
    await call({ grant_type: "password" }, { Authorization: basic(m2m.clientId, m2m.secret ?? "") }),
    {
      status: 400,
      body: { error: "unsupported_grant_type" },
    },
  );
  assert.deepEqual(await call({}), { status: 400, body: { error: "invalid_request" } });
  const web = await oauthClient(s, hp.poolId, { GenerateSecret: true });
  assert.deepEqual(
    await call({
      grant_type: "client_credentials",
      client_id: web.clientId,
      client_secret: web.secret ?? "",
    }),
    {
      status: 400,
      body: { error: "unauthorized_client" },
    },
  );
});

test("authorize refuses a bad client or redirect_uri with a page, other errors by redirect", async () => {
  const hp = await hostedPool(s);
  const { clientId } = await oauthClient(s, hp.poolId);
  const authorize = (q: Record<string, string>) =>
    fetch(`${hp.base}/oauth2/authorize?${new URLSearchParams(q)}`, { redirect: "manual" });
  const noClient = await authorize({ response_type: "code", client_id: "nope", redirect_uri: CALLBACK });
  assert.equal(noClient.status, 400);
  assert.match(await noClient.text(), /An error was encountered with the requested page\./);
  const badRedirect = await authorize({
    response_type: "code",
    client_id: clientId,
    redirect_uri: "https://evil.example.com/",
  });
  assert.equal(badRedirect.status, 400);
  const implicit = await authorize({
    response_type: "token",
    client_id: clientId,
    redirect_uri: CALLBACK,
    state: "s1",
  });
  assert.equal(implicit.headers.get("location"), `${CALLBACK}#error=unauthorized_client&state=s1`);
  const method = await authorize({
    response_type: "code",
    client_id: clientId,
    redirect_uri: CALLBACK,
    code_challenge: "a".repeat(43),
    code_challenge_method: "S512",
  });
  assert.equal(method.headers.get("location"), `${CALLBACK}?error=invalid_request`);
  const scope = await authorize({
    response_type: "code",
    client_id: clientId,
    redirect_uri: CALLBACK,
    scope: "orders/write",
  });
  assert.equal(scope.headers.get("location"), `${CALLBACK}?error=invalid_scope`);
});

test("implicit grant: tokens in the fragment, the same domain by Host", async () => {
  const hp = await hostedPool(s);
  const { clientId } = await oauthClient(s, hp.poolId, { AllowedOAuthFlows: ["implicit"] });
  const name = uniq("imp");
  await confirmedUser(s, hp.poolId, name, "Passw0rd!x");
  const port = new URL(s.url).port;
  // By Host: <prefix>.auth.<region>.localhost, connecting to loopback.
  const hostUrl = `http://127.0.0.1:${port}`;
  const q = new URLSearchParams({
    response_type: "token",
    client_id: clientId,
    redirect_uri: CALLBACK,
    scope: "openid",
    state: "xyz",
    nonce: "n-1",
  });
  const browser = new Browser();
  const host = `${hp.domain}.auth.us-east-1.localhost:${port}`;
  // fetch may not set Host; node:http does.
  const a = await new Promise<{ status: number; location: string }>((resolve, reject) =>
    get(`${hostUrl}/oauth2/authorize?${q}`, { headers: { Host: host } }, (r) => {
      r.resume();
      resolve({ status: r.statusCode ?? 0, location: String(r.headers.location ?? "") });
    }).on("error", reject),
  );
  assert.equal(a.status, 302);
  assert.ok(a.location.startsWith("/login?"), a.location);
  // The rest by path, which names the same domain.
  const back = await signInOnPage(browser, s.url, `${hp.base}/oauth2/authorize?${q}`, name, "Passw0rd!x");
  const frag = new URLSearchParams(new URL(back.location).hash.slice(1));
  assert.equal(frag.get("state"), "xyz");
  assert.equal(frag.get("token_type"), "Bearer");
  assert.equal(frag.get("refresh_token"), null);
  assert.equal(decodeJwt(frag.get("id_token") ?? "").nonce, "n-1");
});
