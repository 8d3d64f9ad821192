import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminListDevicesCommand,
  AdminSetUserMFAPreferenceCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type IAuthenticationCallback,
} from "amazon-cognito-identity-js";
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
 * The unmodified amazon-cognito-identity-js with MFA and remembered devices (docs/mfa.md): TOTP
 * association (associateSoftwareToken, verifySoftwareToken, setUserMfaPreference), sign-in with
 * totpRequired / mfaRequired and sendMFACode, and device remembering with its own device SRP.
 */
const clock = movableClock();
let s: TestServer;

before(async () => {
  s = await startTestServer({}, { clock });
});
after(() => s.stop());

type Outcome =
  | { kind: "session"; session: CognitoUserSession; confirmationNecessary?: boolean }
  | { kind: "totp" | "sms" | "setup" | "select"; params: unknown }
  | { kind: "error"; code: string; message: string };

function callbacks(resolve: (o: Outcome) => void): IAuthenticationCallback {
  return {
    onSuccess: (session, confirmationNecessary) =>
      resolve({
        kind: "session",
        session,
        ...(confirmationNecessary === undefined ? {} : { confirmationNecessary }),
      }),
    onFailure: (e: { code: string; message: string }) =>
      resolve({ kind: "error", code: e.code, message: e.message }),
    totpRequired: (_n, params) => resolve({ kind: "totp", params }),
    mfaRequired: (_n, params) => resolve({ kind: "sms", params }),
    mfaSetup: (_n, params) => resolve({ kind: "setup", params }),
    selectMFAType: (_n, params) => resolve({ kind: "select", params }),
  };
}

const signIn = (user: CognitoUser, username: string, password = "Passw0rd!") =>
  new Promise<Outcome>((resolve) =>
    user.authenticateUser(
      new AuthenticationDetails({ Username: username, Password: password }),
      callbacks(resolve),
    ),
  );

const sendCode = (user: CognitoUser, code: string, type?: "SOFTWARE_TOKEN_MFA") =>
  new Promise<Outcome>((resolve) => user.sendMFACode(code, callbacks(resolve), type));

function session(o: Outcome): CognitoUserSession {
  if (o.kind !== "session") assert.fail(`expected a session, got ${JSON.stringify(o)}`);
  return o.session;
}

test("TOTP: associateSoftwareToken, verifySoftwareToken, setUserMfaPreference, then totpRequired + sendMFACode", async () => {
  const ids = await mfaPool(s, "OPTIONAL");
  const pool = new CognitoUserPool({ UserPoolId: ids.poolId, ClientId: ids.clientId, endpoint: s.url });
  const name = uniq("ijs");
  await confirmedUser(s, ids.poolId, name, "Passw0rd!");
  const user = new CognitoUser({ Username: name, Pool: pool });
  session(await signIn(user, name));
  const secret = await new Promise<string>((resolve, reject) =>
    user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
  );
  assert.match(secret, /^[A-Z2-7]{52}$/);
  session(
    await new Promise<Outcome>((resolve) =>
      user.verifySoftwareToken(currentTotp(secret, clock.now()), "My phone", callbacks(resolve)),
    ),
  );
  await new Promise<void>((resolve, reject) =>
    user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, (err) =>
      err ? reject(err) : resolve(),
    ),
  );
  clock.advance(STEP_MS);

  const again = new CognitoUser({ Username: name, Pool: pool });
  const challenge = await signIn(again, name);
  assert.equal(challenge.kind, "totp");
  assert.deepEqual((challenge as { params: unknown }).params, {
    FRIENDLY_DEVICE_NAME: "My phone",
    USER_ID_FOR_SRP: name,
  });
  const wrong = await sendCode(again, "000000", "SOFTWARE_TOKEN_MFA");
  if (wrong.kind === "error") assert.equal(wrong.code, "CodeMismatchException");
  const done = await sendCode(again, currentTotp(secret, clock.now()), "SOFTWARE_TOKEN_MFA");
  assert.ok(session(done).getAccessToken().getJwtToken());
  clock.advance(STEP_MS);
});

test("SMS: mfaRequired with the code delivery parameters, then sendMFACode", async () => {
  const ids = await mfaPool(s, "OPTIONAL");
  const pool = new CognitoUserPool({ UserPoolId: ids.poolId, ClientId: ids.clientId, endpoint: s.url });
  const name = uniq("ijs");
  await confirmedUser(s, ids.poolId, name, "Passw0rd!", { phone_number: "+12065559876" });
  await s.client.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: ids.poolId,
      Username: name,
      SMSMfaSettings: { Enabled: true },
    }),
  );
  const user = new CognitoUser({ Username: name, Pool: pool });
  const challenge = await signIn(user, name);
  assert.equal(challenge.kind, "sms");
  assert.deepEqual((challenge as { params: unknown }).params, {
    CODE_DELIVERY_DELIVERY_MEDIUM: "SMS",
    CODE_DELIVERY_DESTINATION: "+*******9876",
    USER_ID_FOR_SRP: name,
  });
  const done = await sendCode(user, await lastCode(s, ids.poolId, name, "MFA"));
  assert.ok(session(done).getIdToken().getJwtToken());
});

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as Record<
    string,
    unknown
  >;
}

test("remembered device: confirmDevice after the first sign-in, device SRP after the next, MFA skipped", async () => {
  const ids = await mfaPool(s, "OPTIONAL", {
    devices: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
  });
  const pool = new CognitoUserPool({ UserPoolId: ids.poolId, ClientId: ids.clientId, endpoint: s.url });
  const name = uniq("dev");
  await confirmedUser(s, ids.poolId, name, "Passw0rd!", { phone_number: "+12065550101" });
  await s.client.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: ids.poolId,
      Username: name,
      SMSMfaSettings: { Enabled: true },
    }),
  );

  // First sign-in from this "device": SMS MFA, then NewDeviceMetadata, which the library confirms.
  const first = new CognitoUser({ Username: name, Pool: pool });
  assert.equal((await signIn(first, name)).kind, "sms");
  const s1 = session(await sendCode(first, await lastCode(s, ids.poolId, name, "MFA")));
  const deviceKey = claims(s1.getAccessToken().getJwtToken()).device_key;
  assert.match(String(deviceKey), /^us-east-1_[0-9a-f-]{36}$/);
  const listed = await s.client.send(new AdminListDevicesCommand({ UserPoolId: ids.poolId, Username: name }));
  assert.deepEqual(
    listed.Devices?.map((d) => d.DeviceKey),
    [deviceKey],
  );

  // Next sign-in: the library presents the device key; MFA is skipped and device SRP proves the device.
  const second = new CognitoUser({ Username: name, Pool: pool });
  const s2 = session(await signIn(second, name));
  assert.equal(claims(s2.getAccessToken().getJwtToken()).device_key, deviceKey);
  assert.equal(
    (await s.client.send(new AdminListDevicesCommand({ UserPoolId: ids.poolId, Username: name }))).Devices
      ?.length,
    1,
  );

  // The library's own device operations.
  const devices = await new Promise<{ Devices: { DeviceKey: string }[] }>((resolve, reject) =>
    second.listDevices(10, null, { onSuccess: resolve as (d: unknown) => void, onFailure: reject }),
  );
  assert.deepEqual(
    devices.Devices.map((d) => d.DeviceKey),
    [deviceKey],
  );
  await new Promise<void>((resolve, reject) =>
    second.forgetDevice({ onSuccess: () => resolve(), onFailure: reject }),
  );
  assert.equal(
    (await s.client.send(new AdminListDevicesCommand({ UserPoolId: ids.poolId, Username: name }))).Devices
      ?.length,
    0,
  );
  // Forgotten: MFA again.
  assert.equal((await signIn(new CognitoUser({ Username: name, Pool: pool }), name)).kind, "sms");
});

test("a wrong device proof is refused like a wrong password", async () => {
  const ids = await mfaPool(s, "OPTIONAL", { devices: { ChallengeRequiredOnNewDevice: false } });
  const pool = new CognitoUserPool({ UserPoolId: ids.poolId, ClientId: ids.clientId, endpoint: s.url });
  const name = uniq("dev");
  await confirmedUser(s, ids.poolId, name, "Passw0rd!");
  const first = new CognitoUser({ Username: name, Pool: pool });
  session(await signIn(first, name));
  // Corrupt the device password the library keeps: its proof no longer matches the verifier.
  const store = (
    first as unknown as {
      storage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
    }
  ).storage;
  const key = `CognitoIdentityServiceProvider.${ids.clientId}.${name}.randomPasswordKey`;
  assert.ok(store.getItem(key));
  store.setItem(key, "not-the-device-password");
  const wrong = await signIn(new CognitoUser({ Username: name, Pool: pool }), name);
  assert.deepEqual(wrong, {
    kind: "error",
    code: "NotAuthorizedException",
    message: "Incorrect username or password.",
  });
});
