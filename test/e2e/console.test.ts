/**
 * The web console (docs/console.md) in headless Chromium against a server with an admin key: sign
 * in, create a pool and a client, create a user, find it with a filter, disable it and see the API
 * agree, read a code on the messages page, sign out; axe-core on each main page; a form from another
 * origin refused; a stored `<script>` shown as text. And the keyless console, local callers only.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, seriousAxeViolations } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

const KEY = { accessKeyId: "AKIAHUSHPOOLCONSOLE1", secretAccessKey: "console-secret/abc+def=1" };
/** A key limited to one (other) pool, like an IAM policy naming one user-pool ARN. */
const SCOPED = { accessKeyId: "AKIAHUSHPOOLSCOPED01", secretAccessKey: "scoped-secret" };
const SCOPED_POOL = "us-east-1_OnlyThis1";

let s: TestServer;
let browser: Browser;
let context: BrowserContext;
let p: Page;
let admin: CognitoIdentityProviderClient;
let poolId = "";
let keyDir = "";
let clientId = "";

before(async () => {
  keyDir = mkdtempSync(join(tmpdir(), "hushpool-console-keys-"));
  const keyFile = join(keyDir, "admin-keys.json");
  writeFileSync(
    keyFile,
    JSON.stringify([
      { ...KEY, pools: "*" },
      { ...SCOPED, pools: [SCOPED_POOL] },
    ]),
  );
  s = await startTestServer({ adminCredentials: keyFile });
  admin = new CognitoIdentityProviderClient({
    endpoint: s.url,
    region: "us-east-1",
    credentials: KEY,
    maxAttempts: 1,
  });
  browser = await launchChromium();
  // axe-core is injected as an inline script, which the console's CSP (rightly) forbids.
  context = await browser.newContext({ bypassCSP: true });
  p = await context.newPage();
});

after(async () => {
  await browser?.close();
  admin?.destroy();
  await s?.stop();
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
});

async function expectAccessible(name: string) {
  const v = await seriousAxeViolations(p);
  assert.deepEqual(v, [], `${name}: ${JSON.stringify(v, null, 1)}`);
}

/** fetch() will not send another Host; node:http will (a rebound DNS name). */
const statusWithHost = (url: string, host: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });

const heading = () => p.locator("h1").innerText();

test("a wrong secret is refused; the right key signs in", async () => {
  await p.goto(`${s.url}/console`);
  assert.match(p.url(), /\/console\/sign-in$/);
  await expectAccessible("sign-in");
  await p.fill("#access-key", KEY.accessKeyId);
  await p.fill("#secret-key", "wrong");
  await p.click("button[type=submit]");
  assert.match(await p.locator(".flash.err").innerText(), /Unknown access key or wrong secret/);
  await p.fill("#access-key", KEY.accessKeyId);
  await p.fill("#secret-key", KEY.secretAccessKey);
  await p.click("button[type=submit]");
  assert.equal(await heading(), "Dashboard");
  const cookie = (await context.cookies()).find((c) => c.name === "hushpool_console");
  assert.ok(cookie);
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, "Strict");
  assert.ok(!p.url().includes(KEY.secretAccessKey));
  await expectAccessible("dashboard");
});

test("create a pool and an app client", async () => {
  await p.goto(`${s.url}/console/pools`);
  await expectAccessible("pools");
  await p.fill("#pool-name", "console-demo");
  await p.selectOption("#profile", "strict");
  await p.click("form[aria-label='Create a user pool'] button[type=submit]");
  assert.equal(await heading(), "console-demo");
  assert.match(await p.locator(".flash.ok").innerText(), /User pool created/);
  poolId = decodeURIComponent(/\/console\/pools\/([^/?]+)/.exec(p.url())?.[1] ?? "");
  assert.match(poolId, /^us-east-1_/);
  assert.match(await p.locator(".prominent").innerText(), /Existence profile: strict/);
  await expectAccessible("pool settings");

  await p.click("nav.pool >> text=App clients");
  await p.fill("#client-name", "web");
  await p.check("input[name=flow][value=ALLOW_USER_PASSWORD_AUTH]");
  await p.check("input[name=GenerateSecret]");
  await p.click("form[aria-label='Create an app client'] button[type=submit]");
  assert.match(await heading(), /App client web/);
  clientId = decodeURIComponent(/\/clients\/([^/?]+)/.exec(p.url())?.[1] ?? "");
  assert.match(await p.locator("dl.kv").innerText(), /ENABLED/);
  // The secret is not on the GET page; "Show secret" POSTs and shows it, never in a URL.
  assert.equal(await p.locator("#client-secret").count(), 0);
  await p.click("text=Show secret");
  const secret = await p.locator("#client-secret").innerText();
  assert.match(secret, /^[a-z0-9]{40,}$/i);
  assert.ok(!p.url().includes(secret));
  await expectAccessible("app client");
});

test("create a user, find it with a filter, disable it: the API agrees", async () => {
  await p.goto(`${s.url}/console/pools/${poolId}/users`);
  await p.fill("#new-username", "alice");
  await p.fill("#new-email", "alice@example.com");
  await p.check("input[name=emailVerified]");
  await p.click("form[aria-label='Create a user'] button[type=submit]");
  assert.equal(await heading(), "User alice");
  await p.goto(`${s.url}/console/pools/${poolId}/users`);
  await p.fill("#filter", 'email ^= "ali"');
  await p.click("form[role=search] button[type=submit]");
  const rows = p.locator("tbody tr");
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), /alice/);
  await expectAccessible("users");
  await p.fill("#filter", 'email ^= "zed"');
  await p.click("form[role=search] button[type=submit]");
  assert.equal(await p.locator("tbody tr").count(), 0);
  // A filter ListUsers refuses shows its error, with the API's words.
  await p.fill("#filter", "nonsense");
  await p.click("form[role=search] button[type=submit]");
  assert.match(await p.locator(".flash.err").innerText(), /InvalidParameterException/);

  await p.goto(`${s.url}/console/pools/${poolId}/users/alice`);
  await p.click("button:text-is('Disable')");
  assert.match(await p.locator(".flash.ok").innerText(), /User disabled/);
  const got = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" }));
  assert.equal(got.Enabled, false);
  await expectAccessible("user");
});

test("a stored <script> is shown as text", async () => {
  const evil = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2">`;
  await p.goto(`${s.url}/console/pools/${poolId}/users/alice`);
  await p.fill("#attr-name", "name");
  await p.fill("#attr-value", evil);
  await p.click("form[aria-label='Set an attribute'] button[type=submit]");
  assert.match(await p.locator(".flash.ok").innerText(), /Attributes saved/);
  assert.ok((await p.locator("td.mono").allInnerTexts()).includes(evil));
  assert.equal(await p.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss), undefined);
  const raw = await (await p.context().request.get(`${s.url}/console/pools/${poolId}/users/alice`)).text();
  assert.ok(raw.includes("&lt;script&gt;window.__xss=1&lt;/script&gt;"));
  assert.ok(!raw.includes("<script>window.__xss"));
});

test("a code shows on the messages page, and it is the real one", async () => {
  const pub = new CognitoIdentityProviderClient({
    endpoint: s.url,
    region: "us-east-1",
    maxAttempts: 1,
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
  const { createHmac } = await import("node:crypto");
  await p.goto(`${s.url}/console/pools/${poolId}/clients/${clientId}`);
  await p.click("text=Show secret");
  const clientSecret = await p.locator("#client-secret").innerText();
  const secretHash = (u: string) =>
    createHmac("sha256", clientSecret)
      .update(u + clientId)
      .digest("base64");
  await pub.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: "bob",
      Password: "Passw0rd!",
      SecretHash: secretHash("bob"),
      UserAttributes: [{ Name: "email", Value: "bob@example.com" }],
    }),
  );
  await p.goto(`${s.url}/console/pools/${poolId}/messages?username=bob`);
  const code = (await p.locator("code.code").first().innerText()).trim();
  assert.match(code, /^\d{6}$/);
  await expectAccessible("messages");
  await pub.send(
    new ConfirmSignUpCommand({
      ClientId: clientId,
      Username: "bob",
      ConfirmationCode: code,
      SecretHash: secretHash("bob"),
    }),
  );
  const bob = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "bob" }));
  assert.equal(bob.UserStatus, "CONFIRMED");
  pub.destroy();
  await p.goto(`${s.url}/console/pools/${poolId}/triggers`);
  await expectAccessible("triggers");
  await p.goto(`${s.url}/console/pools/${poolId}/groups`);
  await expectAccessible("groups");
});

test("a form posted from another origin is refused and changes nothing", async () => {
  // A page on another origin of the same machine (same site, so even SameSite=Strict sends the
  // cookie): it auto-submits a form that would enable alice.
  const target = `${s.url}/console/pools/${poolId}/users/alice/enable`;
  const evil: Server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end(
      `<!doctype html><form id=f method=post action="${target}"><input name=_csrf value=guess></form><script>document.getElementById("f").submit()</script>`,
    );
  });
  await new Promise<void>((r) => evil.listen(0, "127.0.0.1", () => r()));
  const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
  const answer = p.waitForResponse((r) => r.url() === target);
  await p.goto(evilUrl);
  assert.equal((await answer).status(), 403);
  evil.close();
  // With the session's real token, but another Origin: refused too.
  await p.goto(`${s.url}/console/pools/${poolId}/users/alice`);
  const token = await p.locator("input[name=_csrf]").first().inputValue();
  const cookie = (await context.cookies()).find((c) => c.name === "hushpool_console")?.value ?? "";
  const forged = await fetch(target, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie: `hushpool_console=${cookie}`,
      origin: "https://evil.example",
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ _csrf: token }),
  });
  assert.equal(forged.status, 403);
  const got = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" }));
  assert.equal(got.Enabled, false);
  // The same request from the console's own origin passes: the refusals were the CSRF checks.
  const own = await fetch(target, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie: `hushpool_console=${cookie}`,
      origin: s.url,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ _csrf: token }),
  });
  assert.equal(own.status, 303);
  assert.equal(
    (await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" }))).Enabled,
    true,
  );
});

test("sign out ends the session", async () => {
  await p.goto(`${s.url}/console`);
  // Keyboard first: the first Tab lands on the skip link, which leads to the page's content.
  await p.keyboard.press("Tab");
  assert.equal(
    await p.evaluate(
      () =>
        (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document
          .activeElement?.textContent,
    ),
    "Skip to content",
  );
  await p.click("header button:text-is('Sign out')");
  assert.match(p.url(), /\/console\/sign-in$/);
  await p.goto(`${s.url}/console/pools`);
  assert.match(p.url(), /\/console\/sign-in$/);
  // A forged or stale cookie is no session either.
  const res = await fetch(`${s.url}/console/pools`, {
    redirect: "manual",
    headers: { cookie: "hushpool_console=eyJ4Ijox.AAAA" },
  });
  assert.equal(res.status, 303);
});

/** Signs in without a browser: the form's pre-session cookie and token, then the key. */
async function signInWithFetch(key: { accessKeyId: string; secretAccessKey: string }): Promise<string> {
  const form = await fetch(`${s.url}/console/sign-in`);
  const pre = /hushpool_console_pre=([^;]+)/.exec(form.headers.get("set-cookie") ?? "")?.[1] ?? "";
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
  const res = await fetch(`${s.url}/console/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie: `hushpool_console_pre=${pre}`,
      origin: s.url,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ _csrf: token, ...key }),
  });
  assert.equal(res.status, 303);
  const session = /hushpool_console=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  assert.ok(session);
  return `hushpool_console=${session}`;
}

test("a key limited to one pool sees and changes only that pool", async () => {
  const cookie = await signInWithFetch(SCOPED);
  const dash = await fetch(`${s.url}/console`, { headers: { cookie } });
  assert.equal(dash.status, 200);
  assert.ok(!(await dash.text()).includes(poolId));
  const other = await fetch(`${s.url}/console/pools/${poolId}/users`, { headers: { cookie } });
  assert.equal(other.status, 400);
  assert.match(await other.text(), /AccessDeniedException/);
});

test("without admin keys the console answers local callers only", async () => {
  const local = await startTestServer();
  try {
    const ok = await fetch(`${local.url}/console`);
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /Local console/);
    const rebound = await statusWithHost(`${local.url}/console`, "evil.example");
    assert.equal(rebound, 403);
    const crossSite = await fetch(`${local.url}/console`, { headers: { origin: "https://evil.example" } });
    assert.equal(crossSite.status, 403);
  } finally {
    await local.stop();
  }
  const off = await startTestServer({ console: "off" });
  try {
    const res = await fetch(`${off.url}/console`);
    assert.equal(res.status, 404);
    assert.ok(!(await res.text()).includes("hushpool console"));
  } finally {
    await off.stop();
  }
});
