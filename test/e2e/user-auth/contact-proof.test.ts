import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminSetUserMFAPreferenceCommand,
  AdminUpdateUserAttributesCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  confirmedUser,
  createClient,
  createPool,
  lastCode,
  poolWithClient,
  SES,
  SNS,
  storedUser,
  uniq,
} from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/**
 * A right sign-in code verifies the address it went to (docs/authentication.md#one-time-codes,
 * docs/mfa.md#sms-and-email-codes): USER_AUTH's EMAIL_OTP / SMS_OTP and the SMS / email MFA codes.
 * Only the address the code went to, and the tokens of that sign-in already say so.
 */
const PW = "Passw0rd!";
let s: TestServer;
let poolId: string;
let clientId: string;

before(async () => {
  s = await startTestServer();
  poolId = await createPool(s, {
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "SMS_OTP"] } },
  });
  clientId = await createClient(s, poolId, "ENABLED", {
    ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
});
after(() => s.stop());

const idClaims = (token: string | undefined): Record<string, unknown> =>
  JSON.parse(Buffer.from(token?.split(".")[1] ?? "", "base64url").toString()) as Record<string, unknown>;

async function otpSignIn(name: string, challenge: "EMAIL_OTP" | "SMS_OTP", between?: () => Promise<void>) {
  const r = await s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: name, PREFERRED_CHALLENGE: challenge },
    }),
  );
  assert.equal(r.ChallengeName, challenge);
  const code = await lastCode(s, poolId, name, "SIGN_IN");
  await between?.();
  const key = challenge === "EMAIL_OTP" ? "EMAIL_OTP_CODE" : "SMS_OTP_CODE";
  const done = await s.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: challenge,
      Session: r.Session,
      ChallengeResponses: { USERNAME: name, [key]: code },
    }),
  );
  assert.ok(done.AuthenticationResult?.IdToken);
  return idClaims(done.AuthenticationResult.IdToken);
}

test("USER_AUTH offers EMAIL_OTP for an unverified email; the code signs in and verifies it", async () => {
  const name = uniq("ada");
  await confirmedUser(s, poolId, name, PW, { email: `${name}@example.com` });
  const sel = await s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: name },
    }),
  );
  assert.deepEqual(sel.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]);
  const claims = await otpSignIn(name, "EMAIL_OTP");
  assert.equal(String(claims.email_verified), "true");
  assert.equal((await storedUser(s, poolId, name))?.attributes.email_verified, "true");
});

test("USER_AUTH SMS_OTP verifies the phone number", async () => {
  const name = uniq("bob");
  await confirmedUser(s, poolId, name, PW, { phone_number: "+12065550111", phone_number_verified: "false" });
  const claims = await otpSignIn(name, "SMS_OTP");
  assert.equal(String(claims.phone_number_verified), "true");
  assert.equal((await storedUser(s, poolId, name))?.attributes.phone_number_verified, "true");
});

test("an address changed after the code was sent is not verified by it", async () => {
  const name = uniq("cat");
  await confirmedUser(s, poolId, name, PW, { email: `${name}@example.com` });
  await otpSignIn(name, "EMAIL_OTP", async () => {
    await s.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: name,
        UserAttributes: [{ Name: "email", Value: `${name}@elsewhere.example` }],
      }),
    );
  });
  const u = await storedUser(s, poolId, name);
  assert.equal(u?.attributes.email, `${name}@elsewhere.example`);
  assert.notEqual(u?.attributes.email_verified, "true");
});

test("SMS_MFA to an unverified phone number: the right code marks it verified", async () => {
  const mfa = await poolWithClient(s, { pool: { EmailConfiguration: SES } });
  await s.client.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: mfa.poolId,
      MfaConfiguration: "OPTIONAL",
      SmsMfaConfiguration: { SmsAuthenticationMessage: "Code {####}", SmsConfiguration: SNS },
    }),
  );
  const name = uniq("mfa");
  await confirmedUser(s, mfa.poolId, name, PW, { phone_number: "+12065550112" });
  await s.client.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: mfa.poolId,
      Username: name,
      SMSMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  );
  const r = await s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: mfa.clientId,
      AuthParameters: { USERNAME: name, PASSWORD: PW },
    }),
  );
  assert.equal(r.ChallengeName, "SMS_MFA");
  assert.notEqual((await storedUser(s, mfa.poolId, name))?.attributes.phone_number_verified, "true");
  const done = await s.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: mfa.clientId,
      ChallengeName: "SMS_MFA",
      Session: r.Session,
      ChallengeResponses: { USERNAME: name, SMS_MFA_CODE: await lastCode(s, mfa.poolId, name, "MFA") },
    }),
  );
  assert.equal(String(idClaims(done.AuthenticationResult?.IdToken).phone_number_verified), "true");
  assert.equal((await storedUser(s, mfa.poolId, name))?.attributes.phone_number_verified, "true");
});
