import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserSettingsCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SetUserSettingsCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { confirmedUser, expectCognitoError, poolWithClient, uniq } from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/** Pool and user MFA settings (docs/mfa.md#pool-settings, docs/mfa.md#user-settings) with the AWS SDK v3. */
let s: TestServer;
const SNS = {
  SnsCallerArn: "arn:aws:iam::123456789012:role/sms-role",
  ExternalId: "x1",
  SnsRegion: "us-east-1",
};

before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

const setMfa = (input: ConstructorParameters<typeof SetUserPoolMfaConfigCommand>[0]) =>
  s.client.send(new SetUserPoolMfaConfigCommand(input));

test("SetUserPoolMfaConfig / GetUserPoolMfaConfig / DescribeUserPool agree", async () => {
  const { poolId } = await poolWithClient(s, {
    pool: {
      EmailConfiguration: {
        EmailSendingAccount: "DEVELOPER",
        SourceArn: "arn:aws:ses:us-east-1:1:identity/x",
      },
    },
  });
  const fresh = await s.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
  assert.equal(fresh.MfaConfiguration, "OFF");
  assert.deepEqual(fresh.SoftwareTokenMfaConfiguration, { Enabled: false });
  assert.equal(fresh.SmsMfaConfiguration, undefined);

  const set = await setMfa({
    UserPoolId: poolId,
    MfaConfiguration: "OPTIONAL",
    SmsMfaConfiguration: { SmsAuthenticationMessage: "Your code is {####}", SmsConfiguration: SNS },
    SoftwareTokenMfaConfiguration: { Enabled: true },
    EmailMfaConfiguration: { Message: "Code: {####}", Subject: "Your code" },
  });
  const got = await s.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
  for (const r of [set, got]) {
    assert.equal(r.MfaConfiguration, "OPTIONAL");
    assert.deepEqual(r.SmsMfaConfiguration, {
      SmsAuthenticationMessage: "Your code is {####}",
      SmsConfiguration: SNS,
    });
    assert.deepEqual(r.SoftwareTokenMfaConfiguration, { Enabled: true });
    assert.deepEqual(r.EmailMfaConfiguration, { Message: "Code: {####}", Subject: "Your code" });
  }
  const d = await s.client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  assert.equal(d.UserPool?.MfaConfiguration, "OPTIONAL");
  assert.equal(d.UserPool?.SmsAuthenticationMessage, "Your code is {####}");
  assert.ok(!("MfaFactors" in (d.UserPool ?? {})));

  // UpdateUserPool keeps the factors; omitted factors in a later Set turn them off.
  await s.client.send(new UpdateUserPoolCommand({ UserPoolId: poolId, MfaConfiguration: "OPTIONAL" }));
  const kept = await s.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
  assert.deepEqual(kept.SoftwareTokenMfaConfiguration, { Enabled: true });
  await setMfa({
    UserPoolId: poolId,
    MfaConfiguration: "ON",
    SoftwareTokenMfaConfiguration: { Enabled: true },
  });
  const only = await s.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
  assert.equal(only.MfaConfiguration, "ON");
  assert.equal(only.SmsMfaConfiguration, undefined);
  assert.equal(only.EmailMfaConfiguration, undefined);
  await setMfa({ UserPoolId: poolId, SoftwareTokenMfaConfiguration: { Enabled: true } });
  assert.equal(
    (await s.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).MfaConfiguration,
    "OFF",
  );
});

test("SetUserPoolMfaConfig refusals", async () => {
  const { poolId } = await poolWithClient(s);
  await expectCognitoError(
    setMfa({ UserPoolId: poolId, MfaConfiguration: "ON" }),
    "InvalidParameterException",
    "Invalid MFA configuration given, can't turn MFA on without an MFA factor enabled.",
  );
  await expectCognitoError(
    setMfa({ UserPoolId: poolId, MfaConfiguration: "OPTIONAL", SmsMfaConfiguration: {} }),
    "InvalidParameterException",
    "SMS configuration is required to turn on SMS MFA.",
  );
  await expectCognitoError(
    setMfa({
      UserPoolId: poolId,
      MfaConfiguration: "OPTIONAL",
      EmailMfaConfiguration: { Message: "Code {####}" },
    }),
    "InvalidParameterException",
    "Email MFA requires the user pool's EmailSendingAccount to be DEVELOPER.",
  );
  await expectCognitoError(
    setMfa({
      UserPoolId: poolId,
      MfaConfiguration: "OPTIONAL",
      SmsMfaConfiguration: { SmsAuthenticationMessage: "no code here", SmsConfiguration: SNS },
    }),
    "InvalidParameterException",
    "1 validation error detected: Value 'no code here' at 'smsMfaConfiguration.smsAuthenticationMessage' failed to satisfy constraint: Member must satisfy regular expression pattern: .*\\{####\\}.*",
  );
  await expectCognitoError(
    setMfa({ UserPoolId: "us-east-1_nothere", MfaConfiguration: "OFF" }),
    "ResourceNotFoundException",
    "User pool us-east-1_nothere does not exist.",
  );
  await expectCognitoError(
    s.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: "us-east-1_nothere" })),
    "ResourceNotFoundException",
    "User pool us-east-1_nothere does not exist.",
  );
});

async function signedIn(poolId: string, clientId: string, attributes: Record<string, string>) {
  const name = uniq("mfa");
  await confirmedUser(s, poolId, name, "Passw0rd!", attributes);
  const r = await s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: name, PASSWORD: "Passw0rd!" },
    }),
  );
  return { name, access: r.AuthenticationResult?.AccessToken ?? "" };
}

test("SetUserMFAPreference and AdminSetUserMFAPreference show in GetUser and AdminGetUser", async () => {
  const { poolId, clientId } = await poolWithClient(s);
  const { name, access } = await signedIn(poolId, clientId, {
    email: "a@example.com",
    phone_number: "+12065551234",
  });
  const before = await s.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: name }));
  assert.equal(before.UserMFASettingList, undefined);
  assert.equal(before.PreferredMfaSetting, undefined);
  assert.equal(before.MFAOptions, undefined);

  await s.client.send(
    new SetUserMFAPreferenceCommand({
      AccessToken: access,
      SMSMfaSettings: { Enabled: true, PreferredMfa: false },
      EmailMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  );
  for (const r of [
    await s.client.send(new GetUserCommand({ AccessToken: access })),
    await s.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: name })),
  ]) {
    assert.deepEqual(r.UserMFASettingList, ["SMS_MFA", "EMAIL_OTP"]);
    assert.equal(r.PreferredMfaSetting, "EMAIL_OTP");
    assert.deepEqual(r.MFAOptions, [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }]);
  }
  await s.client.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: poolId,
      Username: name,
      SMSMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  );
  const after1 = await s.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: name }));
  assert.equal(after1.PreferredMfaSetting, "SMS_MFA");
  await s.client.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: poolId,
      Username: name,
      SMSMfaSettings: { Enabled: false },
    }),
  );
  const after2 = await s.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: name }));
  assert.deepEqual(after2.UserMFASettingList, ["EMAIL_OTP"]);
  assert.equal(after2.PreferredMfaSetting, undefined);
  assert.equal(after2.MFAOptions, undefined);
});

test("SetUserMFAPreference refusals", async () => {
  const { poolId, clientId } = await poolWithClient(s);
  const { name, access } = await signedIn(poolId, clientId, {});
  await expectCognitoError(
    s.client.send(
      new SetUserMFAPreferenceCommand({ AccessToken: access, SoftwareTokenMfaSettings: { Enabled: true } }),
    ),
    "InvalidParameterException",
    "User has not set up software token mfa",
  );
  await expectCognitoError(
    s.client.send(
      new SetUserMFAPreferenceCommand({ AccessToken: access, SMSMfaSettings: { Enabled: true } }),
    ),
    "InvalidParameterException",
    "User does not have delivery config set to turn on SMS_MFA",
  );
  await expectCognitoError(
    s.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: name,
        EmailMfaSettings: { Enabled: true },
      }),
    ),
    "InvalidParameterException",
    "User does not have delivery config set to turn on EMAIL_OTP",
  );
  await expectCognitoError(
    s.client.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: access,
        SMSMfaSettings: { Enabled: false, PreferredMfa: true },
      }),
    ),
    "InvalidParameterException",
    "The MFA method must be enabled to be the preferred one",
  );
  await expectCognitoError(
    s.client.send(new SetUserMFAPreferenceCommand({ AccessToken: "not.a.token" })),
    "NotAuthorizedException",
    "Invalid Access Token",
  );
  await expectCognitoError(
    s.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "nobody",
        SMSMfaSettings: { Enabled: true },
      }),
    ),
    "UserNotFoundException",
    "User does not exist.",
  );
});

test("SetUserSettings / AdminSetUserSettings: the legacy SMS switch", async () => {
  const { poolId, clientId } = await poolWithClient(s);
  const { name, access } = await signedIn(poolId, clientId, { phone_number: "+12065550000" });
  await s.client.send(
    new SetUserSettingsCommand({
      AccessToken: access,
      MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }],
    }),
  );
  const on = await s.client.send(new GetUserCommand({ AccessToken: access }));
  assert.deepEqual(on.MFAOptions, [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }]);
  assert.deepEqual(on.UserMFASettingList, ["SMS_MFA"]);
  await s.client.send(
    new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: name, MFAOptions: [] }),
  );
  const off = await s.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: name }));
  assert.equal(off.MFAOptions, undefined);
  await expectCognitoError(
    s.client.send(
      new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: "nobody", MFAOptions: [] }),
    ),
    "UserNotFoundException",
    "User does not exist.",
  );
});
