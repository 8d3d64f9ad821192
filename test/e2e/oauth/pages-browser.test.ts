import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { SetUserPoolMfaConfigCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { Browser, Page } from "playwright-core";
import { seriousAxeViolations } from "../../helpers/browser.ts";
import { launchChromium } from "../../helpers/chromium.ts";
import { confirmedUser, currentTotp, movableClock, totpUser, uniq } from "../../helpers/fixtures.ts";
import { CALLBACK, hostedPool, oauthClient } from "../../helpers/hosted.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/**
 * The managed-login pages in headless Chromium (docs/oauth.md#pages): a real sign-in through the
 * form, and the existence check — under ENABLED the login page answers an unknown name exactly as
 * it answers a wrong password, and the forgot-password page answers every name alike (same text,
 * same status, same form); and a sign-in through the authenticator-code step (docs/oauth.md#sign-in-steps).
 */
const clock = movableClock();
let s: TestServer;
let browser: Browser;
before(async () => {
  s = await startTestServer({}, { clock });
  browser = await launchChromium();
});
after(async () => {
  // A browser that failed to launch must not keep the server (and so this file's process) alive.
  await browser?.close();
  await s.stop();
});

interface Seen {
  status: number;
  text: string;
  form: string;
}

async function seen(page: Page, status: number): Promise<Seen> {
  const text = await page.locator("main").innerText();
  // The form's shape: every field's name, type and label, in order (values, such as the CSRF token, vary per browser).
  const parts: string[] = [];
  for (const input of await page.locator("main input").all()) {
    const [name, type, id, value] = await Promise.all(
      ["name", "type", "id", "value"].map((a) => input.getAttribute(a)),
    );
    const label = id ? await page.locator(`label[for="${id}"]`).innerText() : "";
    parts.push(`${name}:${type}:${label}:${type === "hidden" && name !== "_csrf" ? value : ""}`);
  }
  const form = parts.join("|");
  return { status, text, form };
}

/** Clicks a form's button and waits for the page its POST answers with. */
async function submit(page: Page, button: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: button }).click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

async function setup() {
  const hp = await hostedPool(s);
  const { clientId } = await oauthClient(s, hp.poolId, { PreventUserExistenceErrors: "ENABLED" });
  const name = uniq("known");
  await confirmedUser(s, hp.poolId, name, "Passw0rd!x", {
    email: `${name}@example.com`,
    email_verified: "true",
  });
  const q = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: CALLBACK,
    scope: "openid",
    state: "st",
  });
  return { hp, clientId, name, authorize: `${hp.base}/oauth2/authorize?${q}` };
}

test("signing in on the page in Chromium ends at the callback with a code; the page is accessible", async () => {
  const { authorize, name } = await setup();
  const context = await browser.newContext();
  const page = await context.newPage();
  let landed = "";
  await page.route(`${CALLBACK}**`, async (route) => {
    landed = route.request().url();
    await route.fulfill({ status: 200, body: "ok" });
  });
  await page.goto(authorize);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.locator("h1").innerText(), "Sign in");
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Password").fill("Passw0rd!x");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${CALLBACK}**`);
  assert.match(landed, /\?code=[\w-]+&state=st$/);
  // The session cookie is Secure and HttpOnly, and Chromium kept it on http://127.0.0.1.
  const session = (await context.cookies()).find((c) => c.name === "cognito");
  assert.ok(session?.secure && session.httpOnly);
  await context.close();
});

test("ENABLED: an unknown name sees exactly what a wrong password shows; forgot-password answers every name alike", async () => {
  const { authorize, name } = await setup();
  const context = await browser.newContext();
  const page = await context.newPage();
  const attempt = async (username: string, password: string): Promise<Seen> => {
    await page.goto(authorize);
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(password);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await page.waitForLoadState();
    return seen(page, response.status());
  };
  const wrong = await attempt(name, "Wrong-passw0rd");
  const unknown = await attempt(uniq("nobody"), "Wrong-passw0rd");
  assert.deepEqual(unknown, wrong);
  assert.match(wrong.text, /Incorrect username or password\./);
  assert.equal(wrong.status, 400);

  const forgot = async (username: string): Promise<Seen> => {
    await page.goto(authorize);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByLabel("Username").fill(username);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Send code" }).click(),
    ]);
    await page.waitForLoadState();
    return seen(page, response.status());
  };
  const known = await forgot(name);
  const stranger = await forgot(uniq("nobody"));
  assert.deepEqual(stranger, known);
  assert.match(known.text, /If the name belongs to an account/);
  await context.close();
});

test("a TOTP user signs in through the authenticator-code page in Chromium; the step page is accessible", async () => {
  const hp = await hostedPool(s);
  await s.client.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: hp.poolId,
      MfaConfiguration: "OPTIONAL",
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );
  const { clientId } = await oauthClient(s, hp.poolId, {
    PreventUserExistenceErrors: "ENABLED",
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  const { name, secret } = await totpUser(s, clock, { poolId: hp.poolId, clientId });
  const q = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: CALLBACK,
    scope: "openid",
    state: "st",
  });
  // bypassCSP: axe is injected as a script, which the pages' CSP (no scripts at all) would refuse.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  let landed = "";
  await page.route(`${CALLBACK}**`, async (route) => {
    landed = route.request().url();
    await route.fulfill({ status: 200, body: "ok" });
  });
  await page.goto(`${hp.base}/oauth2/authorize?${q}`);
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Password").fill("Passw0rd!");
  await submit(page, "Sign in");
  assert.equal(await page.locator("h1").innerText(), "Enter your authenticator code");
  assert.deepEqual(await seriousAxeViolations(page), []);

  const now = currentTotp(secret, clock.now());
  await page.getByLabel("Code").fill(now === "000000" ? "111111" : "000000");
  await submit(page, "Sign in");
  assert.equal(await page.getByRole("alert").innerText(), "Invalid code received for user");

  await page.getByLabel("Code").fill(now);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${CALLBACK}**`);
  assert.match(landed, /\?code=[\w-]+&state=st$/);
  await context.close();
});
