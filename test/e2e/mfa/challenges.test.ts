import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { after, before, test } from "node:test";
import {
  AdminRespondToAuthChallengeCommand,
  AdminSetUserMFAPreferenceCommand,
  type AdminSetUserMFAPreferenceCommandInput,
  CreateUserPoolClientCommand,
  RespondToAuthChallengeCommand,
  type RespondToAuthChallengeCommandInput,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  adminPasswordAuth,
  confirmedUser,
  expectCognitoError,
  lastCode,
  mfaPool,
  movableClock,
  type PoolIds,
  passwordAuth,
  rejectionOf,
  SES,
  storedUser,
  totpPoolUser,
  uniq,
  waitFor,
} from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/** The MFA challenges after a correct password (docs/mfa.md#sign-in-with-mfa), with the AWS SDK v3. */
const clock = movableClock();
let s: TestServer;

before(async () => {
  s = await startTestServer({}, { clock });
});
after(() => s.stop());

type MfaSettings = Omit<AdminSetUserMFAPreferenceCommandInput, "UserPoolId" | "Username">;

async function userWith(poolId: string, attributes: Record<string, string>, settings: MfaSettings | null) {
  const name = uniq("m");
  await confirmedUser(s, poolId, name, "Passw0rd!", attributes);
  if (settings)
    await s.client.send(
      new AdminSetUserMFAPreferenceCommand({ ...settings, UserPoolId: poolId, Username: name }),
    );
  return name;
}

/** An OPTIONAL MFA pool with a user of these attributes and MFA settings, and that user's password sign-in. */
async function signedIn(attributes: Record<string, string>, settings: MfaSettings) {
  const ids = await mfaPool(s, "OPTIONAL");
  const name = await userWith(ids.poolId, attributes, settings);
  return { ids, name, r: await passwordAuth(s, ids.clientId, name) };
}

/** RespondToAuthChallenge for `name` on the pool's client: `challenge` on `session`, USERNAME added to `responses`. */
const answerFor =
  (ids: PoolIds, name: string) =>
  (
    challenge: RespondToAuthChallengeCommandInput["ChallengeName"],
    session: string | undefined,
    responses: Record<string, string> = {},
  ) =>
    s.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: challenge,
        Session: session,
        ChallengeResponses: { USERNAME: name, ...responses },
      }),
    );

/** Answers EMAIL_OTP with the code the outbox holds for `name`; tokens must follow. */
async function passEmailOtp(ids: PoolIds, name: string, session: string | undefined) {
  const code = await lastCode(s, ids.poolId, name, "MFA");
  const done = await answerFor(ids, name)("EMAIL_OTP", session, { EMAIL_OTP_CODE: code });
  assert.ok(done.AuthenticationResult?.AccessToken);
}

const wrongOf = (code: string) => (code === "000000" ? "111111" : "000000");

test("SMS_MFA: parameters, code through the outbox, wrong code keeps the session, right code → tokens", async () => {
  const { ids, name, r } = await signedIn(
    { phone_number: "+12065551234" },
    { SMSMfaSettings: { Enabled: true } },
  );
  assert.equal(r.ChallengeName, "SMS_MFA");
  assert.deepEqual(r.ChallengeParameters, {
    CODE_DELIVERY_DELIVERY_MEDIUM: "SMS",
    CODE_DELIVERY_DESTINATION: "+*******1234",
    USER_ID_FOR_SRP: name,
  });
  const code = await lastCode(s, ids.poolId, name, "MFA");
  assert.match(code, /^\d{6}$/);
  const answer = (c: string) => answerFor(ids, name)("SMS_MFA", r.Session, { SMS_MFA_CODE: c });
  await expectCognitoError(answer(wrongOf(code)), "CodeMismatchException", "Invalid code received for user");
  const ok = await answer(code);
  assert.ok(ok.AuthenticationResult?.AccessToken);
  await expectCognitoError(
    answer(code),
    "NotAuthorizedException",
    "Invalid session for the user, session can only be used once.",
  );
  const stored = await storedUser(s, ids.poolId, name);
  assert.ok(!JSON.stringify(stored).includes(code));
});

test("EMAIL_OTP preferred; ADMIN_USER_PASSWORD_AUTH with AdminRespondToAuthChallenge; EMAIL_MFA_CODE accepted", async () => {
  const ids = await mfaPool(s, "OPTIONAL");
  const name = await userWith(
    ids.poolId,
    { email: "Jane@Example.com", phone_number: "+12065551234" },
    { SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true, PreferredMfa: true } },
  );
  const r = await adminPasswordAuth(s, ids.poolId, ids.clientId, name);
  assert.equal(r.ChallengeName, "EMAIL_OTP");
  assert.deepEqual(r.ChallengeParameters, {
    CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL",
    CODE_DELIVERY_DESTINATION: "j***@e***",
    USER_ID_FOR_SRP: name,
  });
  const code = await lastCode(s, ids.poolId, name, "MFA");
  const ok = await s.client.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: ids.poolId,
      ClientId: ids.clientId,
      ChallengeName: "EMAIL_OTP",
      Session: r.Session,
      ChallengeResponses: { USERNAME: name, EMAIL_MFA_CODE: code },
    }),
  );
  assert.ok(ok.AuthenticationResult?.IdToken);
});

test("SELECT_MFA_TYPE: the enabled methods offered; an answer not offered is refused; the chosen challenge follows", async () => {
  const { ids, name, r } = await signedIn(
    { email: "a@example.com", phone_number: "+12065550000" },
    { SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true } },
  );
  assert.equal(r.ChallengeName, "SELECT_MFA_TYPE");
  assert.deepEqual(r.ChallengeParameters, {
    MFAS_CAN_CHOOSE: '["SMS_MFA","EMAIL_OTP"]',
    USER_ID_FOR_SRP: name,
  });
  const answer = answerFor(ids, name);
  await expectCognitoError(
    answer("SELECT_MFA_TYPE", r.Session, { ANSWER: "SOFTWARE_TOKEN_MFA" }),
    "InvalidParameterException",
    "Invalid MFA type selected",
  );
  const chosen = await answer("SELECT_MFA_TYPE", r.Session, { ANSWER: "EMAIL_OTP" });
  assert.equal(chosen.ChallengeName, "EMAIL_OTP");
  assert.ok(chosen.Session && chosen.Session !== r.Session);
  await passEmailOtp(ids, name, chosen.Session);
});

test("ON: SMS to a phone number, else MFA_SETUP; MFA_SETUP with EMAIL continues with EMAIL_OTP", async () => {
  const ids = await mfaPool(s, "ON");
  const withPhone = await userWith(ids.poolId, { phone_number: "+12065557777" }, null);
  assert.equal((await passwordAuth(s, ids.clientId, withPhone)).ChallengeName, "SMS_MFA");
  const bare = await userWith(ids.poolId, {}, null);
  const r = await passwordAuth(s, ids.clientId, bare);
  assert.equal(r.ChallengeName, "MFA_SETUP");
  assert.deepEqual(r.ChallengeParameters, {
    MFAS_CAN_SETUP: '["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]',
    USER_ID_FOR_SRP: bare,
  });
  const email = await answerFor(ids, bare)("MFA_SETUP", r.Session, { EMAIL: "bare@example.com" });
  assert.equal(email.ChallengeName, "EMAIL_OTP");
  assert.equal(email.ChallengeParameters?.CODE_DELIVERY_DESTINATION, "b***@e***");
  await passEmailOtp(ids, bare, email.Session);
});

test("OFF and OPTIONAL without a method: tokens straight away", async () => {
  const ids = await mfaPool(s, "OPTIONAL");
  const name = await userWith(ids.poolId, { phone_number: "+12065551111" }, null);
  assert.ok((await passwordAuth(s, ids.clientId, name)).AuthenticationResult?.AccessToken);
});

test("MFA code entries are limited: past 10 an hour, LimitExceededException", async () => {
  const { ids, name, r } = await signedIn(
    { phone_number: "+12065552222" },
    { SMSMfaSettings: { Enabled: true } },
  );
  const code = await lastCode(s, ids.poolId, name, "MFA");
  const answer = (c: string) => answerFor(ids, name)("SMS_MFA", r.Session, { SMS_MFA_CODE: c });
  for (let i = 0; i < 10; i++) await expectCognitoError(answer(wrongOf(code)), "CodeMismatchException");
  await expectCognitoError(
    answer(code),
    "LimitExceededException",
    "Attempt limit exceeded, please try after some time.",
  );
});

test("a session of one challenge cannot answer another; bad sessions", async () => {
  const { name, ...ids } = await totpPoolUser(s, clock);
  const r = await passwordAuth(s, ids.clientId, name);
  const answer = answerFor(ids, name);
  await expectCognitoError(
    answer("SMS_MFA", r.Session, { SMS_MFA_CODE: "123456" }),
    "NotAuthorizedException",
    "Invalid session for the user.",
  );
  await expectCognitoError(
    answer("SOFTWARE_TOKEN_MFA", undefined, { SOFTWARE_TOKEN_MFA_CODE: "123456" }),
    "NotAuthorizedException",
    "Invalid session for the user.",
  );
  await expectCognitoError(
    answer("SOFTWARE_TOKEN_MFA", r.Session),
    "InvalidParameterException",
    "Missing required parameter SOFTWARE_TOKEN_MFA_CODE",
  );
  clock.advance(16 * 60_000);
  await expectCognitoError(
    answer("SOFTWARE_TOKEN_MFA", r.Session, { SOFTWARE_TOKEN_MFA_CODE: "123456" }),
    "NotAuthorizedException",
    "Invalid session for the user, session is expired.",
  );
});

for (const profile of ["cognito", "strict"] as const) {
  test(`an unknown name in an MFA pool gets exactly what a wrong password gets (ENABLED, ${profile} profile)`, async () => {
    const ids = await mfaPool(s, "ON");
    await s.client.send(
      new UpdateUserPoolCommand({
        UserPoolId: ids.poolId,
        MfaConfiguration: "ON",
        EmailConfiguration: SES,
        UserPoolTags: { "hushpool:existence-profile": profile },
      }),
    );
    const enabled = (
      await s.client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: ids.poolId,
          ClientName: "enabled",
          PreventUserExistenceErrors: "ENABLED",
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
      )
    ).UserPoolClient?.ClientId;
    assert.ok(enabled);
    const known = await userWith(
      ids.poolId,
      { phone_number: "+12065553333" },
      { SMSMfaSettings: { Enabled: true } },
    );
    // The right password reaches MFA …
    assert.equal((await passwordAuth(s, enabled, known)).ChallengeName, "SMS_MFA");
    // … a wrong one and an unknown name never do, and answer alike.
    const wrong = await rejectionOf(passwordAuth(s, enabled, known, "Wrong-Passw0rd!"));
    const unknown = await rejectionOf(passwordAuth(s, enabled, uniq("nobody"), "Wrong-Passw0rd!"));
    assert.deepEqual(wrong, { name: "NotAuthorizedException", message: "Incorrect username or password." });
    assert.deepEqual(unknown, wrong);
  });
}

test("--sms-webhook-url: the SMS with the code is POSTed to the gateway", async () => {
  const received: Record<string, string>[] = [];
  const gateway: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      received.push(JSON.parse(body));
      res.end("ok");
    });
  });
  await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
  const address = gateway.address();
  assert.ok(address && typeof address === "object");
  const hooked = await startTestServer({ smsWebhookUrl: `http://127.0.0.1:${address.port}/sms` });
  try {
    const ids = await mfaPool(hooked, "OPTIONAL");
    const name = uniq("hook");
    await confirmedUser(hooked, ids.poolId, name, "Passw0rd!", { phone_number: "+12065554444" });
    await hooked.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: ids.poolId,
        Username: name,
        SMSMfaSettings: { Enabled: true },
      }),
    );
    assert.equal((await passwordAuth(hooked, ids.clientId, name)).ChallengeName, "SMS_MFA");
    await waitFor(() => received.length > 0, { timeoutMs: 5000 });
    const code = await lastCode(hooked, ids.poolId, name, "MFA");
    assert.equal(received[0]?.to, "+12065554444");
    assert.equal(received[0]?.text, `Your code is ${code}`);
    assert.equal(received[0]?.purpose, "MFA");
  } finally {
    await hooked.stop();
    gateway.close();
  }
});
