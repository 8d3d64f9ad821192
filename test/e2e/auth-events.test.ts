import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminListUserAuthEventsCommand,
  AdminUpdateAuthEventFeedbackCommand,
  InitiateAuthCommand,
  UpdateAuthEventFeedbackCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { feedbackToken } from "../../src/domain/auth-events/view.ts";
import { confirmedUser, expectCognitoError, poolWithClient, settle } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Auth events (docs/admin-users.md#auth-events): password sign-ins recorded in pools with threat
 * protection, listed by AdminListUserAuthEvents newest first with Cognito's AuthEventType shape, and
 * feedback from the admin and from the user.
 */
let s: TestServer;
let poolId: string;
let clientId: string;
let plainPool: string;

before(async () => {
  s = await startTestServer();
  ({ poolId, clientId } = await poolWithClient(s, {
    pool: { UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" } },
    client: { PreventUserExistenceErrors: "ENABLED" },
  }));
  await confirmedUser(s, poolId, "eve", "Passw0rd!");
  const plain = await poolWithClient(s);
  plainPool = plain.poolId;
  await confirmedUser(s, plainPool, "pat", "Passw0rd!");
});
after(() => s.stop());

const signIn = (username: string, password: string, ClientId = clientId) =>
  settle(
    s.client.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId,
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    ),
  );

const list = (
  Username: string,
  extra: { MaxResults?: number; NextToken?: string } = {},
  UserPoolId = poolId,
) => s.client.send(new AdminListUserAuthEventsCommand({ UserPoolId, Username, ...extra }));

test("a failed and a successful sign-in, newest first, in Cognito's shape; pages", async () => {
  assert.equal((await signIn("eve", "Wrong-passw0rd")).ok, false);
  assert.equal((await signIn("eve", "Passw0rd!")).ok, true);
  assert.equal((await signIn("nobody", "Passw0rd!")).ok, false);
  const r = await list("eve");
  assert.equal(r.AuthEvents?.length, 2);
  const [pass, fail] = r.AuthEvents ?? [];
  assert.equal(r.NextToken, undefined);
  assert.deepEqual(Object.keys(pass ?? {}), [
    "EventId",
    "EventType",
    "CreationDate",
    "EventResponse",
    "EventRisk",
    "ChallengeResponses",
  ]);
  assert.match(pass?.EventId ?? "", /^[0-9a-f-]{36}$/);
  assert.equal(pass?.EventType, "SignIn");
  assert.ok(pass?.CreationDate instanceof Date);
  assert.equal(pass?.EventResponse, "Pass");
  assert.deepEqual(pass?.EventRisk, {
    RiskDecision: "NoRisk",
    RiskLevel: "Low",
    CompromisedCredentialsDetected: false,
  });
  assert.deepEqual(pass?.ChallengeResponses, [{ ChallengeName: "Password", ChallengeResponse: "Success" }]);
  assert.equal(fail?.EventResponse, "Fail");
  assert.deepEqual(fail?.ChallengeResponses, [{ ChallengeName: "Password", ChallengeResponse: "Failure" }]);

  const p1 = await list("eve", { MaxResults: 1 });
  assert.equal(p1.AuthEvents?.[0]?.EventId, pass?.EventId);
  assert.match(p1.NextToken ?? "", /^[0-9a-f-]{36}#\d{4}-\d\d-\d\dT[\d:.]+Z$/);
  const p2 = await list("eve", { MaxResults: 1, NextToken: p1.NextToken });
  assert.equal(p2.AuthEvents?.[0]?.EventId, fail?.EventId);
  assert.equal(p2.NextToken, undefined);
  await expectCognitoError(
    list("eve", { NextToken: "garbage" }),
    "InvalidParameterException",
    "Invalid pagination token.",
  );
});

test("feedback: admin and user (with the event's FeedbackToken)", async () => {
  await signIn("eve", "Wrong-again-1");
  const [latest] = (await list("eve")).AuthEvents ?? [];
  const EventId = latest?.EventId ?? "";
  await s.client.send(
    new AdminUpdateAuthEventFeedbackCommand({
      UserPoolId: poolId,
      Username: "eve",
      EventId,
      FeedbackValue: "Invalid",
    }),
  );
  let shown = (await list("eve")).AuthEvents?.[0]?.EventFeedback;
  assert.equal(shown?.FeedbackValue, "Invalid");
  assert.equal(shown?.Provider, "Admin");
  assert.ok(shown?.FeedbackDate instanceof Date);

  const token = feedbackToken(s.app.services.secrets, poolId, "eve", EventId);
  await s.client.send(
    new UpdateAuthEventFeedbackCommand({
      UserPoolId: poolId,
      Username: "eve",
      EventId,
      FeedbackToken: token,
      FeedbackValue: "Valid",
    }),
  );
  shown = (await list("eve")).AuthEvents?.[0]?.EventFeedback;
  assert.deepEqual([shown?.FeedbackValue, shown?.Provider], ["Valid", "User"]);

  // A wrong token answers the same for a real and an unknown name.
  for (const Username of ["eve", "nobody-here"]) {
    await expectCognitoError(
      s.client.send(
        new UpdateAuthEventFeedbackCommand({
          UserPoolId: poolId,
          Username,
          EventId,
          FeedbackToken: "bad",
          FeedbackValue: "Valid",
        }),
      ),
      "NotAuthorizedException",
      "Invalid feedback token.",
    );
  }
  await expectCognitoError(
    s.client.send(
      new AdminUpdateAuthEventFeedbackCommand({
        UserPoolId: poolId,
        Username: "eve",
        EventId: "00000000-0000-4000-8000-000000000000",
        FeedbackValue: "Valid",
      }),
    ),
    "ResourceNotFoundException",
    "Auth event not found.",
  );
});

test("errors: no threat protection, unknown user, unknown pool, bad MaxResults", async () => {
  assert.equal((await signIn("pat", "Passw0rd!", undefined)).ok, false); // another pool's client
  await expectCognitoError(
    list("pat", {}, plainPool),
    "UserPoolAddOnNotEnabledException",
    "Advanced security features are not enabled for this user pool.",
  );
  await expectCognitoError(list("nobody"), "UserNotFoundException", "User does not exist.");
  await expectCognitoError(
    list("eve", {}, "us-east-1_nopool"),
    "ResourceNotFoundException",
    "User pool us-east-1_nopool does not exist.",
  );
  await expectCognitoError(
    list("eve", { MaxResults: 61 }),
    "InvalidParameterException",
    "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
  );
});
