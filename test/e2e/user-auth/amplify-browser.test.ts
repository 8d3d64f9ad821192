import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { build } from "esbuild";
import { type Browser, chromium, type Page } from "playwright-core";
import { confirmedUser, createClient, outbox } from "../../helpers/fixtures.ts";
import { rawCall, startTestServer, type TestServer } from "../../helpers/server.ts";

/**
 * Amplify v6 in headless Chromium against hushpool (docs/passkeys.md#testing-with-a-virtual-authenticator):
 * signIn with USER_AUTH choosing EMAIL_OTP, PASSWORD_SRP and WEB_AUTHN — the passkey ceremonies real,
 * with a Chrome DevTools Protocol virtual authenticator — associateWebAuthnCredential,
 * listWebAuthnCredentials, deleteWebAuthnCredential, and passwordless signUp with autoSignIn. The page
 * is served from http://localhost (a secure context), so the RP ID is `localhost`.
 */
const PW = "Passw0rd!";
let s: TestServer;
let web: Server;
let browser: Browser;
let page: Page;
let poolId: string;
let clientId: string;
let dir: string;

before(async () => {
  s = await startTestServer();
  const created = await rawCall(
    s.url,
    "CreateUserPool",
    JSON.stringify({
      PoolName: "amplify",
      AutoVerifiedAttributes: ["email"],
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"] } },
      WebAuthnRelyingPartyID: "localhost",
    }),
  );
  poolId = (created.json.UserPool as { Id: string }).Id;
  clientId = await createClient(s, poolId, "ENABLED", {
    ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  await confirmedUser(s, poolId, "ada", PW, { email: "ada@example.com", email_verified: "true" });

  dir = mkdtempSync(join(tmpdir(), "hushpool-amplify-"));
  await build({
    entryPoints: [new URL("./browser/page.ts", import.meta.url).pathname],
    bundle: true,
    format: "iife",
    platform: "browser",
    outfile: join(dir, "page.js"),
    logLevel: "silent",
    define: { global: "globalThis" },
  });
  const script = readFileSync(join(dir, "page.js"));
  web = createServer((req, res) => {
    if (req.url === "/page.js") {
      res.writeHead(200, { "Content-Type": "text/javascript" }).end(script);
      return;
    }
    res
      .writeHead(200, { "Content-Type": "text/html" })
      .end('<!doctype html><script src="/page.js"></script>');
  });
  await new Promise<void>((r) => web.listen(0, "127.0.0.1", r));
  const port = (web.address() as { port: number }).port;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext();
  page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await page.goto(`http://localhost:${port}/`);
  await page.evaluate(
    ([p, c, e]) =>
      (globalThis as unknown as { hp: { configure(...a: string[]): void } }).hp.configure(p, c, e),
    [poolId, clientId, s.url] as const,
  );
});

after(async () => {
  await browser?.close();
  await new Promise((r) => web?.close(r));
  await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `hp.<fn>(arg)` in the page and returns its JSON result, or `{ error }`. */
async function call(fn: string, arg?: unknown): Promise<Record<string, unknown>> {
  return page.evaluate(
    async ([f, a]) => {
      const hp = (globalThis as unknown as { hp: Record<string, (x?: unknown) => Promise<unknown>> }).hp;
      try {
        return JSON.parse(JSON.stringify((await hp[f as string]?.(a)) ?? {}));
      } catch (e) {
        return { error: `${(e as Error).name}: ${(e as Error).message}` };
      }
    },
    [fn, arg] as const,
  );
}

const lastCode = async (username: string, purpose: string) => {
  const code = (await outbox(s, poolId, username)).filter((m) => m.purpose === purpose).at(-1)?.code;
  assert.ok(code, `no ${purpose} code for ${username}`);
  return code;
};

const step = (r: Record<string, unknown>) => (r.nextStep as { signInStep?: string } | undefined)?.signInStep;

test("signIn USER_AUTH with EMAIL_OTP", async () => {
  const r = await call("signIn", {
    username: "ada",
    options: { authFlowType: "USER_AUTH", preferredChallenge: "EMAIL_OTP" },
  });
  assert.equal(step(r), "CONFIRM_SIGN_IN_WITH_EMAIL_CODE", JSON.stringify(r));
  const done = await call("confirmSignIn", { challengeResponse: await lastCode("ada", "SIGN_IN") });
  assert.equal(done.isSignedIn, true, JSON.stringify(done));
  await call("signOut");
});

test("signIn USER_AUTH with PASSWORD_SRP", async () => {
  const r = await call("signIn", {
    username: "ada",
    password: PW,
    options: { authFlowType: "USER_AUTH", preferredChallenge: "PASSWORD_SRP" },
  });
  assert.equal(r.isSignedIn, true, JSON.stringify(r));
});

test("associateWebAuthnCredential, list, signIn with WEB_AUTHN, delete", async () => {
  const a = await call("associateWebAuthnCredential");
  assert.equal(a.error, undefined, JSON.stringify(a));
  const list = await call("listWebAuthnCredentials");
  const creds = list.credentials as { credentialId: string; relyingPartyId: string }[];
  assert.equal(creds.length, 1, JSON.stringify(list));
  assert.equal(creds[0]?.relyingPartyId, "localhost");
  await call("signOut");

  const r = await call("signIn", {
    username: "ada",
    options: { authFlowType: "USER_AUTH", preferredChallenge: "WEB_AUTHN" },
  });
  assert.equal(r.isSignedIn, true, JSON.stringify(r));

  const d = await call("deleteWebAuthnCredential", { credentialId: creds[0]?.credentialId });
  assert.equal(d.error, undefined, JSON.stringify(d));
  assert.deepEqual((await call("listWebAuthnCredentials")).credentials, []);
  await call("signOut");
});

// ConfirmSignUp's Session is what Amplify keeps in its autoSignInStore and sends as InitiateAuth
// USER_AUTH's Session (signInWithUserAuth); server side also in passwordless-sign-up.test.ts.
test("passwordless signUp with autoSignIn", async () => {
  const up = await call("signUp", {
    username: "bea",
    options: { userAttributes: { email: "bea@example.com" }, autoSignIn: { authFlowType: "USER_AUTH" } },
  });
  assert.equal((up.nextStep as { signUpStep?: string }).signUpStep, "CONFIRM_SIGN_UP", JSON.stringify(up));
  const conf = await call("confirmSignUp", {
    username: "bea",
    confirmationCode: await lastCode("bea", "SIGN_UP"),
  });
  assert.equal(
    (conf.nextStep as { signUpStep?: string }).signUpStep,
    "COMPLETE_AUTO_SIGN_IN",
    JSON.stringify(conf),
  );
  const signed = await call("autoSignIn");
  assert.equal(signed.isSignedIn, true, JSON.stringify(signed));
});
