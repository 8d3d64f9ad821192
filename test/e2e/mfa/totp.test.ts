import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminGetUserCommand,
  AssociateSoftwareTokenCommand,
  GetUserCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  answerTotp,
  confirmedUser,
  currentTotp,
  expectCognitoError,
  expectOneSignInPerCode,
  mfaPool,
  movableClock,
  passwordAuth,
  poolWithClient,
  STEP_MS,
  storedUser,
  totpPoolUser,
  uniq,
} from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/** TOTP (docs/mfa.md#totp): AssociateSoftwareToken, VerifySoftwareToken, SOFTWARE_TOKEN_MFA, MFA_SETUP. */
const clock = movableClock();
let s: TestServer;

before(async () => {
  s = await startTestServer({}, { clock });
});
after(() => s.stop());

async function tokensOf(clientId: string, name: string): Promise<string> {
  const r = await passwordAuth(s, clientId, name);
  assert.ok(r.AuthenticationResult?.AccessToken, `expected tokens, got ${r.ChallengeName}`);
  return r.AuthenticationResult.AccessToken;
}

test("Associate and Verify with an access token; the secret is sealed at rest; refusals", async () => {
  const ids = await mfaPool(s, "OPTIONAL");
  const name = uniq("t");
  await confirmedUser(s, ids.poolId, name, "Passw0rd!");
  const access = await tokensOf(ids.clientId, name);
  await expectCognitoError(
    s.client.send(new VerifySoftwareTokenCommand({ AccessToken: access, UserCode: "123456" })),
    "SoftwareTokenMFANotFoundException",
    "Software Token MFA has not been associated with the user",
  );
  const { SecretCode, Session } = await s.client.send(
    new AssociateSoftwareTokenCommand({ AccessToken: access }),
  );
  assert.match(SecretCode ?? "", /^[A-Z2-7]{52}$/);
  assert.equal(Session, undefined);
  const stored = await storedUser(s, ids.poolId, name);
  assert.ok(!JSON.stringify(stored).includes(SecretCode ?? "-"), "secret in clear in the user row");
  await expectCognitoError(
    s.client.send(
      new SetUserMFAPreferenceCommand({ AccessToken: access, SoftwareTokenMfaSettings: { Enabled: true } }),
    ),
    "InvalidParameterException",
    "User has not verified software token mfa",
  );
  const right = currentTotp(SecretCode ?? "", clock.now());
  const wrong = right === "000000" ? "111111" : "000000";
  await expectCognitoError(
    s.client.send(new VerifySoftwareTokenCommand({ AccessToken: access, UserCode: wrong })),
    "EnableSoftwareTokenMFAException",
    "Code mismatch and fail enable Software Token MFA",
  );
  await expectCognitoError(
    s.client.send(new VerifySoftwareTokenCommand({ AccessToken: access, UserCode: "12345" })),
    "InvalidParameterException",
  );
  const ok = await s.client.send(
    new VerifySoftwareTokenCommand({ AccessToken: access, UserCode: right, FriendlyDeviceName: "pixel" }),
  );
  assert.equal(ok.Status, "SUCCESS");
  // Verified but not enabled until SetUserMFAPreference (docs/mfa.md#totp).
  assert.equal(
    (await s.client.send(new GetUserCommand({ AccessToken: access }))).UserMFASettingList,
    undefined,
  );
  await s.client.send(
    new SetUserMFAPreferenceCommand({ AccessToken: access, SoftwareTokenMfaSettings: { Enabled: true } }),
  );
  const u = await s.client.send(new AdminGetUserCommand({ UserPoolId: ids.poolId, Username: name }));
  assert.deepEqual(u.UserMFASettingList, ["SOFTWARE_TOKEN_MFA"]);
  await expectCognitoError(
    s.client.send(new AssociateSoftwareTokenCommand({})),
    "InvalidParameterException",
    "Missing required parameter AccessToken",
  );
});

test("a pool without software-token MFA refuses Associate and Verify", async () => {
  const { poolId, clientId } = await poolWithClient(s);
  const name = uniq("t");
  await confirmedUser(s, poolId, name, "Passw0rd!");
  const access = await tokensOf(clientId, name);
  for (const call of [
    () => s.client.send(new AssociateSoftwareTokenCommand({ AccessToken: access })),
    () => s.client.send(new VerifySoftwareTokenCommand({ AccessToken: access, UserCode: "123456" })),
  ]) {
    await expectCognitoError(
      call(),
      "SoftwareTokenMFANotFoundException",
      "Software Token MFA has not been enabled by the userPool",
    );
  }
});

test("SOFTWARE_TOKEN_MFA: wrong code, right code, replayed code, the next step's code", async () => {
  const { clientId, name, secret } = await totpPoolUser(s, clock);
  const first = await passwordAuth(s, clientId, name);
  assert.equal(first.ChallengeName, "SOFTWARE_TOKEN_MFA");
  assert.deepEqual(first.ChallengeParameters, { FRIENDLY_DEVICE_NAME: "phone", USER_ID_FOR_SRP: name });
  const answer = (Session: string | undefined, code: string) => answerTotp(s, clientId, name, Session, code);
  const code = currentTotp(secret, clock.now());
  await expectCognitoError(
    answer(first.Session, code === "000000" ? "111111" : "000000"),
    "CodeMismatchException",
    "Invalid code received for user",
  );
  const ok = await answer(first.Session, code);
  assert.ok(ok.AuthenticationResult?.AccessToken);
  await expectCognitoError(
    answer(first.Session, code),
    "NotAuthorizedException",
    "Invalid session for the user, session can only be used once.",
  );
  const second = await passwordAuth(s, clientId, name);
  await expectCognitoError(
    answer(second.Session, code),
    "ExpiredCodeException",
    "Your software token has already been used once.",
  );
  clock.advance(STEP_MS);
  const next = await answer(second.Session, currentTotp(secret, clock.now()));
  assert.ok(next.AuthenticationResult?.AccessToken);
});

test("one code answered on two sessions at once: exactly one sign-in (replay guard in storage)", async () => {
  await expectOneSignInPerCode(s, clock, 4);
  clock.advance(STEP_MS);
});

test("MFA_SETUP at first sign-in: Associate and Verify with the Session, then MFA_SETUP → tokens", async () => {
  const ids = await mfaPool(s, "ON", { factors: { SoftwareTokenMfaConfiguration: { Enabled: true } } });
  const name = uniq("setup");
  await confirmedUser(s, ids.poolId, name, "Passw0rd!");
  const r = await passwordAuth(s, ids.clientId, name);
  assert.equal(r.ChallengeName, "MFA_SETUP");
  assert.deepEqual(r.ChallengeParameters, {
    MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]',
    USER_ID_FOR_SRP: name,
  });
  await expectCognitoError(
    s.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "MFA_SETUP",
        Session: r.Session,
        ChallengeResponses: { USERNAME: name },
      }),
    ),
    "InvalidParameterException",
    "MFA setup is not complete for the user.",
  );
  const a = await s.client.send(new AssociateSoftwareTokenCommand({ Session: r.Session }));
  assert.ok(a.SecretCode && a.Session && a.Session !== r.Session);
  await expectCognitoError(
    s.client.send(new AssociateSoftwareTokenCommand({ Session: r.Session })),
    "NotAuthorizedException",
    "Invalid session for the user, session can only be used once.",
  );
  const v = await s.client.send(
    new VerifySoftwareTokenCommand({
      Session: a.Session,
      UserCode: currentTotp(a.SecretCode ?? "", clock.now()),
    }),
  );
  assert.equal(v.Status, "SUCCESS");
  assert.ok(v.Session);
  const done = await s.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: ids.clientId,
      ChallengeName: "MFA_SETUP",
      Session: v.Session,
      ChallengeResponses: { USERNAME: name },
    }),
  );
  assert.ok(done.AuthenticationResult?.AccessToken);
  const u = await s.client.send(new GetUserCommand({ AccessToken: done.AuthenticationResult.AccessToken }));
  assert.deepEqual(u.UserMFASettingList, ["SOFTWARE_TOKEN_MFA"]);
  assert.equal(u.PreferredMfaSetting, "SOFTWARE_TOKEN_MFA");
  await expectCognitoError(
    s.client.send(new AssociateSoftwareTokenCommand({ Session: "x".repeat(40) })),
    "NotAuthorizedException",
    "Invalid session for the user.",
  );
  clock.advance(STEP_MS);
  const again = await passwordAuth(s, ids.clientId, name);
  assert.equal(again.ChallengeName, "SOFTWARE_TOKEN_MFA");
  assert.equal(again.ChallengeParameters?.FRIENDLY_DEVICE_NAME, "TOTP device");
});
