import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  confirmedUser,
  createClient,
  createPool,
  expectCognitoError,
  outbox,
} from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";
import { srpRespond, srpStart } from "../../helpers/srp-client.ts";

/**
 * USER_AUTH end to end with the AWS SDK v3 (docs/authentication.md#choice-based-sign-in-user_auth):
 * SELECT_CHALLENGE, every factor, with and without PREFERRED_CHALLENGE, both APIs, and the errors.
 */
const PW = "Passw0rd!";
let s: TestServer;
let poolId: string;
let clientId: string;
let noUserAuth: string;

before(async () => {
  s = await startTestServer();
  poolId = await createPool(s, {
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "SMS_OTP"] } },
  });
  clientId = await createClient(s, poolId, "LEGACY", {
    ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  noUserAuth = await createClient(s, poolId, "LEGACY", { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"] });
  await confirmedUser(s, poolId, "alice", PW, { email: "Alice@Example.com", email_verified: "true" });
  await confirmedUser(s, poolId, "bob", PW, { phone_number: "+12065551234", phone_number_verified: "true" });
});
after(() => s.stop());

const initiate = (params: Record<string, string>, client = clientId) =>
  s.client.send(new InitiateAuthCommand({ AuthFlow: "USER_AUTH", ClientId: client, AuthParameters: params }));
const respond = (name: string, session: string | undefined, responses: Record<string, string>) =>
  s.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: name as "SELECT_CHALLENGE",
      Session: session,
      ChallengeResponses: responses,
    }),
  );
const lastSignInCode = async (username: string) => {
  const m = (await outbox(s, poolId, username)).filter((x) => x.purpose === "SIGN_IN");
  const code = m.at(-1)?.code;
  assert.ok(code, `no sign-in code for ${username}`);
  return code;
};

test("without PREFERRED_CHALLENGE: SELECT_CHALLENGE with the user's AvailableChallenges", async () => {
  const r = await initiate({ USERNAME: "alice" });
  assert.equal(r.ChallengeName, "SELECT_CHALLENGE");
  assert.deepEqual(r.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]);
  assert.deepEqual(r.ChallengeParameters, {});
  assert.ok(r.Session);
  const b = await initiate({ USERNAME: "bob" });
  assert.deepEqual(b.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "SMS_OTP"]);
});

test("SELECT_CHALLENGE answered with PASSWORD and the password: tokens; the session is single use", async () => {
  const r = await initiate({ USERNAME: "alice" });
  await expectCognitoError(
    respond("SELECT_CHALLENGE", r.Session, { USERNAME: "alice", ANSWER: "PASSWORD", PASSWORD: "Wr0ng!pass" }),
    "NotAuthorizedException",
    "Incorrect username or password.",
  );
  await expectCognitoError(
    respond("SELECT_CHALLENGE", r.Session, { USERNAME: "alice", ANSWER: "PASSWORD", PASSWORD: PW }),
    "NotAuthorizedException",
    "Invalid session for the user, session can only be used once.",
  );
  const again = await initiate({ USERNAME: "alice" });
  const ok = await respond("SELECT_CHALLENGE", again.Session, {
    USERNAME: "alice",
    ANSWER: "PASSWORD",
    PASSWORD: PW,
  });
  assert.ok(ok.AuthenticationResult?.AccessToken);
});

test("SELECT_CHALLENGE answered with PASSWORD_SRP: PASSWORD_VERIFIER, then tokens", async () => {
  const r = await initiate({ USERNAME: "alice" });
  const c = srpStart();
  const v = await respond("SELECT_CHALLENGE", r.Session, {
    USERNAME: "alice",
    ANSWER: "PASSWORD_SRP",
    SRP_A: c.srpA,
  });
  assert.equal(v.ChallengeName, "PASSWORD_VERIFIER");
  const t = await respond(
    "PASSWORD_VERIFIER",
    v.Session,
    srpRespond(poolId, c, v.ChallengeParameters ?? {}, PW),
  );
  assert.ok(t.AuthenticationResult?.IdToken);
});

test("PREFERRED_CHALLENGE PASSWORD and PASSWORD_SRP go straight to the password flows", async () => {
  const p = await initiate({ USERNAME: "alice", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: PW });
  assert.ok(p.AuthenticationResult?.AccessToken);
  await expectCognitoError(
    initiate({ USERNAME: "alice", PREFERRED_CHALLENGE: "PASSWORD" }),
    "InvalidParameterException",
    "Missing required parameter PASSWORD",
  );
  const c = srpStart();
  const v = await initiate({ USERNAME: "alice", PREFERRED_CHALLENGE: "PASSWORD_SRP", SRP_A: c.srpA });
  assert.equal(v.ChallengeName, "PASSWORD_VERIFIER");
  assert.equal(v.ChallengeParameters?.USER_ID_FOR_SRP, "alice");
  const t = await respond(
    "PASSWORD_VERIFIER",
    v.Session,
    srpRespond(poolId, c, v.ChallengeParameters ?? {}, PW),
  );
  assert.ok(t.AuthenticationResult?.RefreshToken);
});

test("EMAIL_OTP: code to the verified email, masked destination; a wrong code keeps the session", async () => {
  const r = await initiate({ USERNAME: "alice", PREFERRED_CHALLENGE: "EMAIL_OTP" });
  assert.equal(r.ChallengeName, "EMAIL_OTP");
  assert.deepEqual(r.ChallengeParameters, {
    CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL",
    CODE_DELIVERY_DESTINATION: "a***@e***",
    USERNAME: "alice",
  });
  const code = await lastSignInCode("alice");
  const wrong = code === "000000" ? "111111" : "000000";
  for (let i = 0; i < 2; i++) {
    await expectCognitoError(
      respond("EMAIL_OTP", r.Session, { USERNAME: "alice", EMAIL_OTP_CODE: wrong }),
      "CodeMismatchException",
      "Invalid code or auth state for the user.",
    );
  }
  const ok = await respond("EMAIL_OTP", r.Session, { USERNAME: "alice", EMAIL_OTP_CODE: code });
  assert.ok(ok.AuthenticationResult?.AccessToken);
  await expectCognitoError(
    respond("EMAIL_OTP", r.Session, { USERNAME: "alice", EMAIL_OTP_CODE: code }),
    "NotAuthorizedException",
    "Invalid session for the user, session can only be used once.",
  );
});

test("SMS_OTP through SELECT_CHALLENGE; a factor not offered is refused", async () => {
  const r = await initiate({ USERNAME: "bob" });
  await expectCognitoError(
    respond("SELECT_CHALLENGE", r.Session, { USERNAME: "bob", ANSWER: "EMAIL_OTP" }),
    "InvalidParameterException",
    "The challenge EMAIL_OTP is not available for this user.",
  );
  const c = await respond("SELECT_CHALLENGE", r.Session, { USERNAME: "bob", ANSWER: "SMS_OTP" });
  assert.equal(c.ChallengeName, "SMS_OTP");
  assert.equal(c.ChallengeParameters?.CODE_DELIVERY_DESTINATION, "+*******1234");
  const ok = await respond("SMS_OTP", c.Session, {
    USERNAME: "bob",
    SMS_OTP_CODE: await lastSignInCode("bob"),
  });
  assert.ok(ok.AuthenticationResult?.IdToken);
});

test("a preferred factor the user lacks falls back to SELECT_CHALLENGE", async () => {
  const r = await initiate({ USERNAME: "alice", PREFERRED_CHALLENGE: "SMS_OTP" });
  assert.equal(r.ChallengeName, "SELECT_CHALLENGE");
  assert.deepEqual(r.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]);
});

test("AdminInitiateAuth and AdminRespondToAuthChallenge", async () => {
  const r = await s.client.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: "USER_AUTH",
      AuthParameters: { USERNAME: "alice", PREFERRED_CHALLENGE: "EMAIL_OTP" },
    }),
  );
  assert.equal(r.ChallengeName, "EMAIL_OTP");
  const ok = await s.client.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      ChallengeName: "EMAIL_OTP",
      Session: r.Session,
      ChallengeResponses: { USERNAME: "alice", EMAIL_OTP_CODE: await lastSignInCode("alice") },
    }),
  );
  assert.ok(ok.AuthenticationResult?.AccessToken);
});

test("errors: flow not enabled, unknown PREFERRED_CHALLENGE, missing USERNAME, bad sessions", async () => {
  await expectCognitoError(
    initiate({ USERNAME: "alice" }, noUserAuth),
    "InvalidParameterException",
    "Auth flow not enabled for this client",
  );
  await expectCognitoError(
    initiate({ USERNAME: "alice", PREFERRED_CHALLENGE: "TOTP" }),
    "InvalidParameterException",
    "The challenge TOTP is not available for this user.",
  );
  await expectCognitoError(initiate({}), "InvalidParameterException", "Missing required parameter USERNAME");
  await expectCognitoError(
    respond("SELECT_CHALLENGE", "x".repeat(43), { USERNAME: "alice", ANSWER: "PASSWORD", PASSWORD: PW }),
    "NotAuthorizedException",
    "Invalid session for the user.",
  );
  await expectCognitoError(
    respond("EMAIL_OTP", undefined, { USERNAME: "alice", EMAIL_OTP_CODE: "123456" }),
    "NotAuthorizedException",
    "Invalid session for the user.",
  );
  await expectCognitoError(
    respond("EMAIL_OTP", "x".repeat(43), { USERNAME: "alice" }),
    "InvalidParameterException",
    "Missing required parameter EMAIL_OTP_CODE",
  );
});
