import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createClient, createPool, expectCognitoError, lastCode, outbox } from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/** Passwordless SignUp and auto sign-in with ConfirmSignUp's Session (docs/authentication.md#auto-sign-in). */
let s: TestServer;
let poolId: string;
let clientId: string;
let passwordPool: string;
let passwordClient: string;

before(async () => {
  s = await startTestServer();
  poolId = await createPool(s, {
    AutoVerifiedAttributes: ["email"],
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } },
  });
  clientId = await createClient(s, poolId, "ENABLED", { ExplicitAuthFlows: ["ALLOW_USER_AUTH"] });
  passwordPool = await createPool(s, { AutoVerifiedAttributes: ["email"] });
  passwordClient = await createClient(s, passwordPool, "ENABLED", {
    ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"],
  });
});
after(() => s.stop());

const signUp = (client: string, username: string, password?: string) =>
  s.client.send(
    new SignUpCommand({
      ClientId: client,
      Username: username,
      ...(password !== undefined ? { Password: password } : {}),
      UserAttributes: [{ Name: "email", Value: `${username}@example.com` }],
    }),
  );

test("SignUp without a password: only where passwordless sign-in is allowed", async () => {
  await expectCognitoError(
    signUp(passwordClient, "nopass"),
    "InvalidParameterException",
    "Password is required.",
  );
  const r = await signUp(clientId, "carol");
  assert.equal(r.UserConfirmed, false);
  assert.equal(r.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
});

test("ConfirmSignUp returns a Session; USER_AUTH with it signs in once, without a challenge", async () => {
  await signUp(clientId, "dave");
  const code = await lastCode(s, poolId, "dave", "SIGN_UP");
  const c = await s.client.send(
    new ConfirmSignUpCommand({ ClientId: clientId, Username: "dave", ConfirmationCode: code }),
  );
  assert.ok(c.Session);
  const auto = () =>
    s.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "dave" },
        Session: c.Session,
      }),
    );
  const t = await auto();
  assert.ok(t.AuthenticationResult?.AccessToken);
  await expectCognitoError(
    auto(),
    "NotAuthorizedException",
    "Invalid session for the user, session can only be used once.",
  );
  // The passwordless user is offered codes only, and signs in with one.
  const sel = await s.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_AUTH",
      AuthParameters: { USERNAME: "dave" },
    }),
  );
  assert.deepEqual(sel.AvailableChallenges, ["EMAIL_OTP"]);
  const otp = await s.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "SELECT_CHALLENGE",
      Session: sel.Session,
      ChallengeResponses: { USERNAME: "dave", ANSWER: "EMAIL_OTP" },
    }),
  );
  const signInCode = (await outbox(s, poolId, "dave")).filter((m) => m.purpose === "SIGN_IN").at(-1)?.code;
  assert.ok(signInCode);
  const ok = await s.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "EMAIL_OTP",
      Session: otp.Session,
      ChallengeResponses: { USERNAME: "dave", EMAIL_OTP_CODE: signInCode },
    }),
  );
  assert.ok(ok.AuthenticationResult?.IdToken);
});

test("an auto sign-in Session for another user, or a forged one, is refused", async () => {
  await signUp(clientId, "erin");
  const c = await s.client.send(
    new ConfirmSignUpCommand({
      ClientId: clientId,
      Username: "erin",
      ConfirmationCode: await lastCode(s, poolId, "erin", "SIGN_UP"),
    }),
  );
  for (const [user, session] of [
    ["carol", c.Session],
    ["erin", "f".repeat(43)],
  ] as const) {
    await expectCognitoError(
      s.client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: user },
          Session: session,
        }),
      ),
      "NotAuthorizedException",
      "Invalid session for the user.",
    );
  }
});

test("a client without USER_AUTH gets no Session from ConfirmSignUp", async () => {
  await signUp(passwordClient, "frank", "Passw0rd!");
  const c = await s.client.send(
    new ConfirmSignUpCommand({
      ClientId: passwordClient,
      Username: "frank",
      ConfirmationCode: await lastCode(s, passwordPool, "frank", "SIGN_UP"),
    }),
  );
  assert.equal(c.Session, undefined);
});
