import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import {
  AdminSetUserMFAPreferenceCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  arn,
  confirmedUser,
  createClient,
  createPool,
  lastCode,
  onlyEvent,
  outbox,
  poolWithClient,
  SES,
  type SeenEvent,
  SNS,
  serverWithStub,
  uniq,
} from "../../helpers/fixtures.ts";
import type { LambdaStub } from "../../helpers/lambda-stub.ts";
import type { TestServer } from "../../helpers/server.ts";

/**
 * CustomMessage for the codes of sign-in (docs/triggers.md#custommessage): the one-time codes of
 * USER_AUTH (EMAIL_OTP, SMS_OTP) and the SMS / email MFA codes go through the function with
 * triggerSource `CustomMessage_Authentication`, through the Lambda Invoke API stand-in; a name
 * without a user calls it too, marked `userNotFound`, and nothing is sent.
 */
const PW = "Passw0rd!";
let s: TestServer;
let stub: LambdaStub;
let stop: () => Promise<void>;
let poolId: string;
let clientId: string;
let mfa: { poolId: string; clientId: string };

before(async () => {
  ({ s, stub, stop } = await serverWithStub());
  poolId = await createPool(s, {
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "SMS_OTP"] } },
    LambdaConfig: { CustomMessage: arn("custom-message") },
  });
  clientId = await createClient(s, poolId, "ENABLED", {
    ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  mfa = await poolWithClient(s, {
    pool: { EmailConfiguration: SES, LambdaConfig: { CustomMessage: arn("custom-message") } },
  });
  await s.client.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: mfa.poolId,
      MfaConfiguration: "OPTIONAL",
      SmsMfaConfiguration: { SmsAuthenticationMessage: "Pool text {####}", SmsConfiguration: SNS },
      EmailMfaConfiguration: { Message: "Pool mail {####}", Subject: "Pool subject" },
    }),
  );
});
after(() => stop());

beforeEach(() => {
  stub.clear();
  stub.on<SeenEvent>("custom-message", (e) => ({
    ...e,
    response: {
      smsMessage: `SMS for ${e.userName}: ${e.request.codeParameter}`,
      emailSubject: `[${e.triggerSource}]`,
      emailMessage: `Mail for ${e.userName}: ${e.request.codeParameter}`,
    },
  }));
});

const initiate = (USERNAME: string, PREFERRED_CHALLENGE: string) =>
  s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME, PREFERRED_CHALLENGE },
      ClientMetadata: { app: "web" },
    }),
  );

function assertAuthenticationEvent(e: SeenEvent, userName: string, client: string): void {
  assert.equal(e.triggerSource, "CustomMessage_Authentication");
  assert.equal(e.userPoolId, client === clientId ? poolId : mfa.poolId);
  assert.equal(e.userName, userName);
  assert.equal(e.callerContext.clientId, client);
  assert.equal(e.request.codeParameter, "{####}");
}

test("USER_AUTH EMAIL_OTP: CustomMessage_Authentication shapes the code's email; the code signs in", async () => {
  const name = uniq("ada");
  await confirmedUser(s, poolId, name, PW, { email: `${name}@example.com`, email_verified: "true" });
  const r = await initiate(name, "EMAIL_OTP");
  assert.equal(r.ChallengeName, "EMAIL_OTP");
  const e = onlyEvent(stub, "custom-message");
  assertAuthenticationEvent(e, name, clientId);
  assert.equal(e.request.userAttributes.email, `${name}@example.com`);
  assert.deepEqual(e.request.clientMetadata, { app: "web" });
  assert.equal(e.request.userNotFound, undefined);
  const sent = (await outbox(s, poolId, name)).filter((m) => m.purpose === "SIGN_IN").at(-1);
  assert.equal(sent?.subject, "[CustomMessage_Authentication]");
  assert.equal(sent?.body, `Mail for ${name}: ${sent?.code}`);
  const ok = await s.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "EMAIL_OTP",
      Session: r.Session,
      ChallengeResponses: { USERNAME: name, EMAIL_OTP_CODE: sent?.code ?? "" },
    }),
  );
  assert.ok(ok.AuthenticationResult?.AccessToken);
});

test("USER_AUTH SMS_OTP: the function's smsMessage is the text", async () => {
  const name = uniq("bob");
  await confirmedUser(s, poolId, name, PW, { phone_number: "+12065550100", phone_number_verified: "true" });
  const r = await initiate(name, "SMS_OTP");
  assert.equal(r.ChallengeName, "SMS_OTP");
  assertAuthenticationEvent(onlyEvent(stub, "custom-message"), name, clientId);
  const sent = (await outbox(s, poolId, name)).filter((m) => m.purpose === "SIGN_IN").at(-1);
  assert.equal(sent?.medium, "SMS");
  assert.equal(sent?.body, `SMS for ${name}: ${sent?.code}`);
});

test("USER_AUTH, a name without a user: the function is called too (userNotFound: true), nothing is sent", async () => {
  const name = `${uniq("ghost")}@example.com`;
  const r = await initiate(name, "EMAIL_OTP");
  assert.equal(r.ChallengeName, "EMAIL_OTP");
  const e = onlyEvent(stub, "custom-message");
  assertAuthenticationEvent(e, name, clientId);
  assert.equal(e.request.userNotFound, true);
  assert.deepEqual(e.request.userAttributes, {});
  assert.deepEqual(await outbox(s, poolId, name), []);
});

test("SMS_MFA and EMAIL_OTP MFA codes go through CustomMessage_Authentication", async () => {
  const name = uniq("mfa");
  await confirmedUser(s, mfa.poolId, name, PW, {
    phone_number: "+12065550101",
    email: `${name}@example.com`,
  });
  await s.client.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: mfa.poolId,
      Username: name,
      SMSMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  );
  const signIn = () =>
    s.client.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: mfa.clientId,
        AuthParameters: { USERNAME: name, PASSWORD: PW },
      }),
    );
  assert.equal((await signIn()).ChallengeName, "SMS_MFA");
  assertAuthenticationEvent(onlyEvent(stub, "custom-message"), name, mfa.clientId);
  const code = await lastCode(s, mfa.poolId, name, "MFA");
  const sms = (await outbox(s, mfa.poolId, name)).at(-1);
  assert.equal(sms?.body, `SMS for ${name}: ${code}`);

  stub.clear();
  await s.client.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: mfa.poolId,
      Username: name,
      SMSMfaSettings: { Enabled: false },
      EmailMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  );
  assert.equal((await signIn()).ChallengeName, "EMAIL_OTP");
  assertAuthenticationEvent(onlyEvent(stub, "custom-message"), name, mfa.clientId);
  const mail = (await outbox(s, mfa.poolId, name)).at(-1);
  assert.equal(mail?.subject, "[CustomMessage_Authentication]");
  assert.equal(mail?.body, `Mail for ${name}: ${mail?.code}`);
});
