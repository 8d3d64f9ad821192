import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AdminSetUserMFAPreferenceCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { Page } from "playwright-core";
import { type AmplifyBrowser, startAmplifyBrowser } from "../../helpers/amplify-browser.ts";
import {
  confirmedUser,
  currentTotp,
  lastCode,
  mfaPool,
  movableClock,
  STEP_MS,
  uniq,
} from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/**
 * Amplify v6 (aws-amplify/auth) in headless Chromium against the server (docs/mfa.md): setUpTOTP,
 * verifyTOTPSetup, updateMFAPreference, signIn + confirmSignIn with a TOTP code and with an email
 * code, MFA_SETUP at first sign-in, rememberDevice, fetchDevices, forgetDevice.
 */
const clock = movableClock();
let s: TestServer;
let browser: AmplifyBrowser;

before(async () => {
  s = await startTestServer({}, { clock });
  browser = await startAmplifyBrowser();
});
after(async () => {
  await browser?.close();
  await s?.stop();
});

type Hp = Record<string, (...args: unknown[]) => Promise<unknown>>;

/** Runs `aws-amplify/auth`'s `fn` in the page with `arg`; errors come back as `{ error: name }`. */
async function call(page: Page, fn: string, arg?: unknown): Promise<Record<string, unknown>> {
  return page.evaluate(
    async ([f, a]) => {
      const hp = (globalThis as unknown as { hp: Hp }).hp;
      try {
        const out = await hp[f as string]?.(a);
        return JSON.parse(JSON.stringify(out ?? {})) as Record<string, unknown>;
      } catch (e) {
        const err = e as { name?: string; message?: string };
        return { error: err.name ?? "Error", message: err.message ?? "" };
      }
    },
    [fn, arg] as const,
  );
}

const nextStep = (r: Record<string, unknown>) =>
  (r.nextStep as { signInStep?: string } | undefined)?.signInStep;

test("setUpTOTP, verifyTOTPSetup, updateMFAPreference; then signIn + confirmSignIn with a TOTP code; devices", async () => {
  const ids = await mfaPool(s, "OPTIONAL", {
    devices: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: true },
  });
  const name = uniq("amp");
  await confirmedUser(s, ids.poolId, name, "Passw0rd!");
  const page = await browser.page({
    userPoolId: ids.poolId,
    userPoolClientId: ids.clientId,
    userPoolEndpoint: s.url,
  });
  const first = await call(page, "signIn", { username: name, password: "Passw0rd!" });
  assert.equal(first.isSignedIn, true, JSON.stringify(first));

  const setup = await call(page, "setUpTOTP");
  const secret = String(setup.sharedSecret);
  assert.match(secret, /^[A-Z2-7]{52}$/);
  const verified = await call(page, "verifyTOTPSetup", { code: currentTotp(secret, clock.now()) });
  assert.equal(verified.error, undefined, JSON.stringify(verified));
  assert.equal((await call(page, "updateMFAPreference", { totp: "PREFERRED" })).error, undefined);
  const pref = await call(page, "fetchMFAPreference");
  assert.deepEqual(pref, { enabled: ["TOTP"], preferred: "TOTP" });

  // The device this sign-in registered (Amplify confirmed it) is remembered on the user's prompt.
  assert.equal((await call(page, "rememberDevice")).error, undefined);
  const devices = (await call(page, "fetchDevices")) as unknown as { id: string }[];
  assert.equal(Object.values(devices).length, 1);
  const deviceId = Object.values(devices)[0]?.id;
  assert.match(String(deviceId), /^us-east-1_/);
  assert.equal((await call(page, "forgetDevice")).error, undefined);
  assert.equal(Object.values((await call(page, "fetchDevices")) as object).length, 0);
  await call(page, "signOut");

  clock.advance(STEP_MS);
  const second = await call(page, "signIn", { username: name, password: "Passw0rd!" });
  assert.equal(nextStep(second), "CONFIRM_SIGN_IN_WITH_TOTP_CODE", JSON.stringify(second));
  const wrong = await call(page, "confirmSignIn", { challengeResponse: "000000" });
  if (currentTotp(secret, clock.now()) !== "000000") assert.equal(wrong.error, "CodeMismatchException");
  const done = await call(page, "confirmSignIn", { challengeResponse: currentTotp(secret, clock.now()) });
  assert.equal(done.isSignedIn, true, JSON.stringify(done));
  clock.advance(STEP_MS);
  await page.context().close();
});

test("signIn + confirmSignIn with an email code", async () => {
  const ids = await mfaPool(s, "OPTIONAL");
  const name = uniq("amp");
  await confirmedUser(s, ids.poolId, name, "Passw0rd!", { email: "amp@example.com" });
  await s.client.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: ids.poolId,
      Username: name,
      EmailMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  );
  const page = await browser.page({
    userPoolId: ids.poolId,
    userPoolClientId: ids.clientId,
    userPoolEndpoint: s.url,
  });
  const r = await call(page, "signIn", { username: name, password: "Passw0rd!" });
  assert.equal(nextStep(r), "CONFIRM_SIGN_IN_WITH_EMAIL_CODE", JSON.stringify(r));
  const details = (r.nextStep as { codeDeliveryDetails?: Record<string, string> }).codeDeliveryDetails;
  assert.deepEqual(details, { deliveryMedium: "EMAIL", destination: "a***@e***" });
  const done = await call(page, "confirmSignIn", {
    challengeResponse: await lastCode(s, ids.poolId, name, "MFA"),
  });
  assert.equal(done.isSignedIn, true, JSON.stringify(done));
  await page.context().close();
});

test("MFA_SETUP at first sign-in: CONTINUE_SIGN_IN_WITH_TOTP_SETUP, then confirmSignIn with the code", async () => {
  const ids = await mfaPool(s, "ON", { factors: { SoftwareTokenMfaConfiguration: { Enabled: true } } });
  const name = uniq("amp");
  await confirmedUser(s, ids.poolId, name, "Passw0rd!");
  const page = await browser.page({
    userPoolId: ids.poolId,
    userPoolClientId: ids.clientId,
    userPoolEndpoint: s.url,
  });
  const r = await call(page, "signIn", { username: name, password: "Passw0rd!" });
  assert.equal(nextStep(r), "CONTINUE_SIGN_IN_WITH_TOTP_SETUP", JSON.stringify(r));
  const secret = (r.nextStep as { totpSetupDetails?: { sharedSecret?: string } }).totpSetupDetails
    ?.sharedSecret;
  assert.ok(secret);
  const done = await call(page, "confirmSignIn", { challengeResponse: currentTotp(secret, clock.now()) });
  assert.equal(done.isSignedIn, true, JSON.stringify(done));
  clock.advance(STEP_MS);
  await page.context().close();
});
