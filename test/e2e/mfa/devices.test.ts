import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminUpdateDeviceStatusCommand,
  AdminUserGlobalSignOutCommand,
  ConfirmDeviceCommand,
  ForgetDeviceCommand,
  GetDeviceCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  UpdateDeviceStatusCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { computeX, G, padHex, powModN } from "../../../src/srp/index.ts";
import {
  confirmedUser,
  expectCognitoError,
  passwordAuth,
  poolWithClient,
  uniq,
} from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/** Device tracking and the device operations (docs/mfa.md#remembered-devices) with the AWS SDK v3. */
let s: TestServer;

before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

/** ConfirmDevice's verifier config as amazon-cognito-identity-js computes it. */
function verifierConfig(groupKey: string, deviceKey: string) {
  const password = randomBytes(40).toString("base64");
  const saltHex = padHex(BigInt(`0x${randomBytes(16).toString("hex")}`));
  const v = powModN(G, computeX(groupKey, deviceKey, password, saltHex));
  return {
    Salt: Buffer.from(saltHex, "hex").toString("base64"),
    PasswordVerifier: Buffer.from(padHex(v), "hex").toString("base64"),
  };
}

async function trackedSignIn(clientId: string, name: string) {
  const r = await passwordAuth(s, clientId, name);
  const t = r.AuthenticationResult;
  assert.ok(t?.AccessToken && t.NewDeviceMetadata?.DeviceKey && t.NewDeviceMetadata.DeviceGroupKey);
  return {
    access: t.AccessToken,
    key: t.NewDeviceMetadata.DeviceKey,
    group: t.NewDeviceMetadata.DeviceGroupKey,
  };
}

test("NewDeviceMetadata; ConfirmDevice; Get/List/Update/Forget and their Admin twins", async () => {
  const { poolId, clientId } = await poolWithClient(s, {
    pool: {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: true },
    },
  });
  const name = uniq("d");
  await confirmedUser(s, poolId, name, "Passw0rd!");
  const a = await trackedSignIn(clientId, name);
  assert.match(a.key, /^us-east-1_[0-9a-f-]{36}$/);
  assert.match(a.group, /^-[A-Za-z0-9_-]{8}$/);
  // Not yet confirmed: not listed.
  assert.deepEqual((await s.client.send(new ListDevicesCommand({ AccessToken: a.access }))).Devices, []);
  const confirmed = await s.client.send(
    new ConfirmDeviceCommand({
      AccessToken: a.access,
      DeviceKey: a.key,
      DeviceSecretVerifierConfig: verifierConfig(a.group, a.key),
      DeviceName: "Firefox on Linux",
    }),
  );
  assert.equal(confirmed.UserConfirmationNecessary, true);
  await expectCognitoError(
    s.client.send(
      new ConfirmDeviceCommand({
        AccessToken: a.access,
        DeviceKey: a.key,
        DeviceSecretVerifierConfig: verifierConfig(a.group, a.key),
      }),
    ),
    "DeviceKeyExistsException",
    "Device has already been confirmed.",
  );
  const got = await s.client.send(new GetDeviceCommand({ AccessToken: a.access, DeviceKey: a.key }));
  assert.equal(got.Device?.DeviceKey, a.key);
  const attrs = Object.fromEntries((got.Device?.DeviceAttributes ?? []).map((x) => [x.Name, x.Value]));
  assert.equal(attrs.device_status, "valid");
  assert.equal(attrs.device_name, "Firefox on Linux");
  assert.equal(attrs["dev:device_remembered_status"], "not_remembered");
  assert.ok(got.Device?.DeviceCreateDate instanceof Date);

  await s.client.send(
    new UpdateDeviceStatusCommand({
      AccessToken: a.access,
      DeviceKey: a.key,
      DeviceRememberedStatus: "remembered",
    }),
  );
  const admin = await s.client.send(
    new AdminGetDeviceCommand({ UserPoolId: poolId, Username: name, DeviceKey: a.key }),
  );
  assert.ok(
    admin.Device?.DeviceAttributes?.some(
      (x) => x.Name === "dev:device_remembered_status" && x.Value === "remembered",
    ),
  );
  await s.client.send(
    new AdminUpdateDeviceStatusCommand({
      UserPoolId: poolId,
      Username: name,
      DeviceKey: a.key,
      DeviceRememberedStatus: "not_remembered",
    }),
  );

  // A second device, to page through.
  const b = await trackedSignIn(clientId, name);
  assert.equal(b.group, a.group, "one device group key per user");
  await s.client.send(
    new ConfirmDeviceCommand({
      AccessToken: b.access,
      DeviceKey: b.key,
      DeviceSecretVerifierConfig: verifierConfig(b.group, b.key),
    }),
  );
  const page1 = await s.client.send(
    new AdminListDevicesCommand({ UserPoolId: poolId, Username: name, Limit: 1 }),
  );
  assert.equal(page1.Devices?.length, 1);
  assert.ok(page1.PaginationToken);
  const page2 = await s.client.send(
    new ListDevicesCommand({ AccessToken: b.access, Limit: 1, PaginationToken: page1.PaginationToken }),
  );
  assert.equal(page2.Devices?.length, 1);
  assert.equal(page2.PaginationToken, undefined);
  assert.deepEqual(
    [page1.Devices?.[0]?.DeviceKey, page2.Devices?.[0]?.DeviceKey].sort(),
    [a.key, b.key].sort(),
  );

  await s.client.send(new ForgetDeviceCommand({ AccessToken: a.access, DeviceKey: a.key }));
  await expectCognitoError(
    s.client.send(new GetDeviceCommand({ AccessToken: a.access, DeviceKey: a.key })),
    "ResourceNotFoundException",
    "Device does not exist.",
  );
  await s.client.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: name, DeviceKey: b.key }));
  assert.deepEqual(
    (await s.client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: name }))).Devices,
    [],
  );
});

test("device refusals: tracking off, unknown key, another user's key, bad verifier, unknown user", async () => {
  const off = await poolWithClient(s);
  const name = uniq("d");
  await confirmedUser(s, off.poolId, name, "Passw0rd!");
  const plain = await passwordAuth(s, off.clientId, name);
  assert.equal(plain.AuthenticationResult?.NewDeviceMetadata, undefined);
  const access = plain.AuthenticationResult?.AccessToken ?? "";
  for (const call of [
    () => s.client.send(new ListDevicesCommand({ AccessToken: access })),
    () =>
      s.client.send(
        new GetDeviceCommand({
          AccessToken: access,
          DeviceKey: "us-east-1_00000000-0000-4000-8000-000000000000",
        }),
      ),
    () => s.client.send(new AdminListDevicesCommand({ UserPoolId: off.poolId, Username: name })),
  ]) {
    await expectCognitoError(
      call(),
      "InvalidUserPoolConfigurationException",
      "Device tracking is not enabled for this user pool.",
    );
  }

  const on = await poolWithClient(s, {
    pool: { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true } },
  });
  const ann = uniq("ann");
  const bob = uniq("bob");
  await confirmedUser(s, on.poolId, ann, "Passw0rd!");
  await confirmedUser(s, on.poolId, bob, "Passw0rd!");
  const annDevice = await trackedSignIn(on.clientId, ann);
  const bobDevice = await trackedSignIn(on.clientId, bob);
  for (const key of ["us-east-1_00000000-0000-4000-8000-000000000000", bobDevice.key]) {
    await expectCognitoError(
      s.client.send(new GetDeviceCommand({ AccessToken: annDevice.access, DeviceKey: key })),
      "ResourceNotFoundException",
      "Device does not exist.",
    );
    await expectCognitoError(
      s.client.send(new AdminForgetDeviceCommand({ UserPoolId: on.poolId, Username: ann, DeviceKey: key })),
      "ResourceNotFoundException",
      "Device does not exist.",
    );
  }
  await expectCognitoError(
    s.client.send(
      new ConfirmDeviceCommand({
        AccessToken: annDevice.access,
        DeviceKey: annDevice.key,
        DeviceSecretVerifierConfig: { Salt: "", PasswordVerifier: "AAAA" },
      }),
    ),
    "InvalidParameterException",
    "Invalid device verifier or salt.",
  );
  await expectCognitoError(
    s.client.send(new GetDeviceCommand({ AccessToken: annDevice.access, DeviceKey: "not a key" })),
    "InvalidParameterException",
  );
  await expectCognitoError(
    s.client.send(new AdminListDevicesCommand({ UserPoolId: on.poolId, Username: "nobody" })),
    "UserNotFoundException",
    "User does not exist.",
  );
  await expectCognitoError(
    s.client.send(new ListDevicesCommand({ AccessToken: annDevice.access, Limit: 61 })),
    "InvalidParameterException",
  );
});

test("GlobalSignOut and AdminUserGlobalSignOut revoke the tokens and keep the devices", async () => {
  const { poolId, clientId } = await poolWithClient(s, {
    pool: { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true } },
  });
  const name = uniq("g");
  await confirmedUser(s, poolId, name, "Passw0rd!");
  const d = await trackedSignIn(clientId, name);
  await s.client.send(
    new ConfirmDeviceCommand({
      AccessToken: d.access,
      DeviceKey: d.key,
      DeviceSecretVerifierConfig: verifierConfig(d.group, d.key),
    }),
  );
  await s.client.send(new GlobalSignOutCommand({ AccessToken: d.access }));
  await expectCognitoError(
    s.client.send(new ListDevicesCommand({ AccessToken: d.access })),
    "NotAuthorizedException",
    "Access Token has been revoked",
  );
  assert.equal(
    (await s.client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: name }))).Devices
      ?.length,
    1,
  );
  await s.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: name }));
  assert.equal(
    (await s.client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: name }))).Devices
      ?.length,
    1,
  );
  // Presenting the confirmed device key after a password leads to device SRP.
  const r = await s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: name, PASSWORD: "Passw0rd!", DEVICE_KEY: d.key },
    }),
  );
  assert.equal(r.ChallengeName, "DEVICE_SRP_AUTH");
  assert.deepEqual(r.ChallengeParameters, {});
  assert.ok(r.Session);
});
