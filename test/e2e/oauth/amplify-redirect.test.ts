import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { Browser, Page } from "playwright-core";
import { type BundledPage, bundlePage, launchChromium, servePage } from "../../helpers/browser.ts";
import { confirmedUser, expectCognitoError, uniq } from "../../helpers/fixtures.ts";
import { hostedPool, oauthClient } from "../../helpers/hosted.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/**
 * Amplify v6 `signInWithRedirect` and `signOut`, unmodified, in Debian's headless Chromium
 * (docs/oauth.md#amplify): the app page configures `loginWith.oauth` with hushpool's domain, the
 * browser goes through `/login` with a real user and back, Amplify redeems the code with its PKCE
 * verifier, and `getCurrentUser`/`fetchAuthSession` show the user; `signOut` revokes the refresh
 * token, goes through `/logout` and back, and the session is gone on both sides.
 *
 * Amplify builds `https://${domain}/oauth2/authorize` — always https — so the domain is reached
 * through a TLS front (here a small https proxy with a throwaway self-signed certificate, which the
 * browser context is told to accept), as a deployment puts hushpool behind a TLS proxy. The domain
 * is the path form, `127.0.0.1:<port>/oauth/<prefix>`: Amplify only concatenates it.
 */
const PAGE = `
import { Amplify } from "aws-amplify";
import { fetchAuthSession, getCurrentUser, signInWithRedirect, signOut } from "aws-amplify/auth";
import { Hub } from "aws-amplify/utils";

const events = [];
Hub.listen("auth", ({ payload }) => events.push(payload.event));
const config = await (await fetch("/config.json")).json();
Amplify.configure({ Auth: { Cognito: config } });
window.hp = {
  events,
  start: () => void signInWithRedirect(),
  end: () => void signOut(),
  async session() {
    const s = await fetchAuthSession();
    if (!s.tokens) return null;
    const user = await getCurrentUser();
    return {
      username: user.username,
      userId: user.userId,
      scope: s.tokens.accessToken.payload.scope,
      email: s.tokens.idToken?.payload.email ?? null,
      tokenUse: s.tokens.idToken?.payload.token_use ?? null,
    };
  },
};
window.__ready = true;
`;

let s: TestServer;
let browser: Browser;
let bundle: BundledPage;
let tls: { port: number; close(): Promise<void> };
let certDir: string;

/** An https front for the server: every request passed on as it came (Host included). */
async function tlsFront(target: string): Promise<{ port: number; close(): Promise<void> }> {
  certDir = mkdtempSync(join(tmpdir(), "hushpool-tls-"));
  const key = join(certDir, "key.pem");
  const cert = join(certDir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout",
      key,
      "-out",
      cert,
    ],
    { stdio: "ignore" },
  );
  const upstream = new URL(target);
  const server: Server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "x-forwarded-proto": "https" },
      },
      (back) => {
        res.writeHead(back.statusCode ?? 502, back.headers);
        back.pipe(res);
      },
    );
    out.on("error", () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

before(async () => {
  s = await startTestServer();
  tls = await tlsFront(s.url);
  [browser, bundle] = await Promise.all([launchChromium(), bundlePage(PAGE, { title: "amplify redirect" })]);
});
after(async () => {
  await browser?.close();
  bundle?.remove();
  await tls?.close();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
  await s.stop();
});

const ready = (page: Page) =>
  page.waitForFunction(() => (globalThis as unknown as { __ready?: boolean }).__ready === true, null, {
    timeout: 30_000,
  });

interface Seen {
  username: string;
  userId: string;
  scope: string;
  email: string | null;
  tokenUse: string | null;
}
type Hp = { events: string[]; start(): void; end(): void; session(): Promise<Seen | null> };
/** Calls the page's `hp` (page functions cannot close over this module, so each names `window.hp` itself). */
const session = (page: Page) => page.evaluate(() => (globalThis as unknown as { hp: Hp }).hp.session());
const start = (page: Page) => page.evaluate(() => (globalThis as unknown as { hp: Hp }).hp.start());
const end = (page: Page) => page.evaluate(() => (globalThis as unknown as { hp: Hp }).hp.end());
const events = (page: Page) => page.evaluate(() => (globalThis as unknown as { hp: Hp }).hp.events);

test("Amplify v6 signInWithRedirect through /login and back, then signOut through /logout", async () => {
  const served = await servePage(bundle);
  const app = served.url; // http://127.0.0.1:<port>/
  const hp = await hostedPool(s);
  const { clientId } = await oauthClient(s, hp.poolId, {
    CallbackURLs: [app],
    LogoutURLs: [app],
    ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    PreventUserExistenceErrors: "ENABLED",
  });
  const name = uniq("amp");
  await confirmedUser(s, hp.poolId, name, "Passw0rd!x", { email: `${name}@example.com` });
  writeFileSync(
    join(bundle.dir, "config.json"),
    JSON.stringify({
      userPoolId: hp.poolId,
      userPoolClientId: clientId,
      userPoolEndpoint: s.url,
      loginWith: {
        oauth: {
          domain: `127.0.0.1:${tls.port}/oauth/${hp.domain}`,
          scopes: ["openid", "email", "aws.cognito.signin.user.admin"],
          redirectSignIn: [app],
          redirectSignOut: [app],
          responseType: "code",
        },
      },
    }),
  );
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const errors: string[] = [];
  const visited: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => {
    if (r.isNavigationRequest()) visited.push(r.url());
  });
  try {
    await page.goto(app);
    await ready(page);
    assert.equal(await session(page), null);

    await start(page);
    await page.waitForURL(/\/oauth\/[a-z0-9]+\/login\?/, { timeout: 30_000 });
    assert.ok(page.url().startsWith(`https://127.0.0.1:${tls.port}/oauth/${hp.domain}/login?`));
    assert.ok(new URL(page.url()).searchParams.get("code_challenge"), "Amplify sent a PKCE challenge");
    await page.getByLabel("Username").fill(name);
    await page.getByLabel("Password").fill("Passw0rd!x");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.toString().startsWith(app), { timeout: 30_000 });
    await ready(page);
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { hp: Hp }).hp.events.some(
          (e) => e === "signedIn" || e === "signInWithRedirect_failure",
        ),
      null,
      { timeout: 30_000 },
    );
    const seenEvents = await events(page);
    assert.ok(seenEvents.includes("signInWithRedirect"), `${seenEvents} ${errors.join("\n")}`);
    assert.ok(seenEvents.includes("signedIn"), `${seenEvents}`);
    const seen = await session(page);
    assert.ok(seen, "Amplify holds a session");
    assert.equal(seen.username, name);
    assert.equal(seen.email, `${name}@example.com`);
    assert.equal(seen.tokenUse, "id");
    assert.equal(seen.scope, "openid email aws.cognito.signin.user.admin");
    assert.equal(page.url(), app, "Amplify cleared the code from the address");

    const refreshToken = await page.evaluate(
      ([client, user]) =>
        (
          globalThis as unknown as { localStorage: { getItem(k: string): string | null } }
        ).localStorage.getItem(`CognitoIdentityServiceProvider.${client}.${user}.refreshToken`),
      [clientId, name],
    );
    assert.ok(refreshToken, "Amplify kept the refresh token");

    // The page that comes back from /logout is a new document: wait for it to be ready again.
    await page.evaluate(() => {
      (globalThis as unknown as { __ready?: boolean }).__ready = false;
    });
    await end(page);
    await ready(page);
    assert.equal(page.url(), app);
    const logout = visited.find((u) => u.includes(`/oauth/${hp.domain}/logout?`));
    assert.ok(logout, `no /logout among ${visited.join(" ")}`);
    assert.equal(new URL(logout).searchParams.get("client_id"), clientId);
    assert.equal(new URL(logout).searchParams.get("logout_uri"), app);
    assert.equal(await session(page), null);
    // signOut revoked the refresh token (RevokeToken) …
    await expectCognitoError(
      s.client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),
      "NotAuthorizedException",
      "Refresh Token has been revoked",
    );
    // … and /logout ended the managed-login session: signing in again asks for the password.
    assert.equal(
      (await context.cookies()).some((c) => c.name === "cognito" && c.value !== ""),
      false,
    );
    await start(page);
    await page.waitForURL(/\/login\?/, { timeout: 30_000 });
    assert.equal(await page.locator("h1").innerText(), "Sign in");
  } finally {
    await context.close();
    await served.close();
  }
});
