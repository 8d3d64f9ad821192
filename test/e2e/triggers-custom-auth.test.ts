import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from "amazon-cognito-identity-js";
import type { Mode } from "../../src/domain/existence/index.ts";
import {
  arn,
  createClient,
  createPool,
  eventsOf,
  expectCognitoError,
  expectOk,
  MODES,
  putUser,
  type SeenEvent,
  serverWithStub,
  settle,
  uniq,
} from "../helpers/fixtures.ts";
import type { LambdaStub } from "../helpers/lambda-stub.ts";
import type { TestServer } from "../helpers/server.ts";

/**
 * CUSTOM_AUTH with DefineAuthChallenge, CreateAuthChallenge and VerifyAuthChallengeResponse (docs/triggers.md#custom-authentication):
 * the real SDK and amazon-cognito-identity-js (CUSTOM_AUTH alone, and starting with SRP_A), the session
 * history the functions see, failAuthentication, single-use and expiring sessions, unknown names in
 * both modes, and the errors for a pool or client that is not set up for it.
 */
let s: TestServer;
let stub: LambdaStub;
let stop: () => Promise<void>;
let now = Date.now();
let poolId: string;
const clients = {} as Record<Mode, string>;
let noCustomClient: string;
let bareClient: string;

before(async () => {
  ({ s, stub, stop } = await serverWithStub({}, { clock: { now: () => now } }));
  poolId = await createPool(s, {
    LambdaConfig: {
      DefineAuthChallenge: arn("define"),
      CreateAuthChallenge: arn("create"),
      VerifyAuthChallengeResponse: arn("verify"),
    },
  });
  for (const mode of MODES) {
    clients[mode] = await createClient(s, poolId, mode, {
      ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    });
  }
  noCustomClient = await createClient(s, poolId, "LEGACY", {
    ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  const bare = await createPool(s);
  bareClient = await createClient(s, bare, "LEGACY");
});
after(() => stop());

type History = Array<{ challengeName: string; challengeResult: boolean; challengeMetadata?: string }>;

/** The textbook flow: SRP_A → PASSWORD_VERIFIER → a question; three wrong answers fail. */
beforeEach(() => {
  stub.clear();
  stub.on<SeenEvent>("define", (e) => {
    const session = e.request.session as History;
    const last = session.at(-1);
    const response = { challengeName: "CUSTOM_CHALLENGE", issueTokens: false, failAuthentication: false };
    if (last?.challengeName === "SRP_A") response.challengeName = "PASSWORD_VERIFIER";
    else if (last?.challengeName === "CUSTOM_CHALLENGE" && last.challengeResult) {
      Object.assign(response, { challengeName: null, issueTokens: true });
    } else if (session.filter((c) => c.challengeName === "CUSTOM_CHALLENGE").length >= 3) {
      Object.assign(response, { challengeName: null, failAuthentication: true });
    }
    return { ...e, response };
  });
  stub.on<SeenEvent>("create", (e) => ({
    ...e,
    response: {
      publicChallengeParameters: { question: "2+2?" },
      privateChallengeParameters: { answer: "4" },
      challengeMetadata: `MATH-${(e.request.session as History).length}`,
    },
  }));
  stub.on<SeenEvent>("verify", (e) => ({
    ...e,
    response: {
      answerCorrect:
        e.request.challengeAnswer === (e.request.privateChallengeParameters as { answer: string }).answer,
    },
  }));
});

const start = (ClientId: string, USERNAME: string, meta?: Record<string, string>) =>
  s.client.send(
    new InitiateAuthCommand({
      ClientId,
      AuthFlow: "CUSTOM_AUTH",
      AuthParameters: { USERNAME },
      ...(meta ? { ClientMetadata: meta } : {}),
    }),
  );
const answer = (ClientId: string, USERNAME: string, Session: string | undefined, ANSWER: string) =>
  s.client.send(
    new RespondToAuthChallengeCommand({
      ClientId,
      ChallengeName: "CUSTOM_CHALLENGE",
      Session,
      ChallengeResponses: { USERNAME, ANSWER },
      ClientMetadata: { answeredFrom: "test" },
    }),
  );

for (const mode of MODES) {
  describe(mode, () => {
    test("round trip with the SDK: question, a wrong answer, the right answer, tokens", async () => {
      const name = uniq("alice");
      await putUser(s, poolId, { username: name, attributes: { email: `${name}@example.com` } });
      const first = await start(clients[mode], name, { ignored: "at InitiateAuth" });
      assert.equal(first.ChallengeName, "CUSTOM_CHALLENGE");
      assert.deepEqual(first.ChallengeParameters, { question: "2+2?", USERNAME: name });
      assert.ok(first.Session);

      const second = await answer(clients[mode], name, first.Session, "5");
      assert.equal(second.ChallengeName, "CUSTOM_CHALLENGE");
      const done = await answer(clients[mode], name, second.Session, "4");
      assert.ok(done.AuthenticationResult?.IdToken && done.AuthenticationResult.RefreshToken);

      const defines = eventsOf(stub, "define");
      assert.deepEqual(
        defines.map((e) => e.request.session),
        [
          [],
          [{ challengeName: "CUSTOM_CHALLENGE", challengeResult: false, challengeMetadata: "MATH-0" }],
          [
            { challengeName: "CUSTOM_CHALLENGE", challengeResult: false, challengeMetadata: "MATH-0" },
            { challengeName: "CUSTOM_CHALLENGE", challengeResult: true, challengeMetadata: "MATH-1" },
          ],
        ],
      );
      const [d0, d1] = defines;
      assert.equal(d0?.triggerSource, "DefineAuthChallenge_Authentication");
      assert.equal(d0?.userName, name);
      assert.equal(d0?.request.userAttributes.email, `${name}@example.com`);
      // ClientMetadata reaches the custom-auth functions from RespondToAuthChallenge only (docs/triggers.md#custom-authentication).
      assert.equal(d0?.request.clientMetadata, null);
      assert.deepEqual(d1?.request.clientMetadata, { answeredFrom: "test" });
      if (mode === "ENABLED") assert.equal(d0?.request.userNotFound, false);
      else assert.equal("userNotFound" in (d0?.request ?? {}), false);

      const [c0] = eventsOf(stub, "create");
      assert.equal(c0?.triggerSource, "CreateAuthChallenge_Authentication");
      assert.equal(c0?.request.challengeName, "CUSTOM_CHALLENGE");
      const [v0] = eventsOf(stub, "verify");
      assert.equal(v0?.triggerSource, "VerifyAuthChallengeResponse_Authentication");
      assert.deepEqual(v0?.request.privateChallengeParameters, { answer: "4" });
      assert.equal(v0?.request.challengeAnswer, "5");
    });

    test("an unknown name", async () => {
      const name = uniq("ghost");
      if (mode === "LEGACY") {
        await expectCognitoError(start(clients[mode], name), "UserNotFoundException", "User does not exist.");
        assert.equal(stub.invocations.length, 0);
        return;
      }
      // ENABLED: the three functions run with userNotFound: true; even the right answer gets no tokens.
      const first = await start(clients[mode], name);
      assert.equal(first.ChallengeName, "CUSTOM_CHALLENGE");
      assert.deepEqual(first.ChallengeParameters, { question: "2+2?", USERNAME: name });
      await expectCognitoError(
        answer(clients[mode], name, first.Session, "4"),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
      for (const fn of ["define", "create", "verify"]) {
        const [e] = eventsOf(stub, fn);
        assert.equal(e?.request.userNotFound, true, fn);
        assert.deepEqual(e?.request.userAttributes, {}, fn);
        assert.equal(e?.userName, name, fn);
      }
    });
  });
}

test("failAuthentication: NotAuthorizedException: Incorrect username or password.", async () => {
  const name = uniq("bob");
  await putUser(s, poolId, { username: name });
  let r: InitiateAuthCommandOutput = await start(clients.LEGACY, name);
  r = await answer(clients.LEGACY, name, r.Session, "1");
  r = await answer(clients.LEGACY, name, r.Session, "2");
  await expectCognitoError(
    answer(clients.LEGACY, name, r.Session, "3"),
    "NotAuthorizedException",
    "Incorrect username or password.",
  );
});

test("sessions are single use and expire after AuthSessionValidity (3 minutes)", async () => {
  const name = uniq("carol");
  await putUser(s, poolId, { username: name });
  const first = await start(clients.LEGACY, name);
  await answer(clients.LEGACY, name, first.Session, "5");
  await expectCognitoError(
    answer(clients.LEGACY, name, first.Session, "4"),
    "NotAuthorizedException",
    "Invalid session for the user, session can only be used once.",
  );
  const again = await start(clients.LEGACY, name);
  now += 3 * 60_000 + 1;
  await expectCognitoError(
    answer(clients.LEGACY, name, again.Session, "4"),
    "NotAuthorizedException",
    "Invalid session for the user, session is expired.",
  );
});

test("AdminInitiateAuth / AdminRespondToAuthChallenge run the same flow", async () => {
  const name = uniq("dave");
  await putUser(s, poolId, { username: name });
  const first = await s.client.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clients.ENABLED,
      AuthFlow: "CUSTOM_AUTH",
      AuthParameters: { USERNAME: name },
    }),
  );
  const done = await s.client.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: poolId,
      ClientId: clients.ENABLED,
      ChallengeName: "CUSTOM_CHALLENGE",
      Session: first.Session,
      ChallengeResponses: { USERNAME: name, ANSWER: "4" },
    }),
  );
  assert.ok(done.AuthenticationResult?.AccessToken);
});

test("not set up: a pool without DefineAuthChallenge, a client without ALLOW_CUSTOM_AUTH", async () => {
  await expectCognitoError(
    start(bareClient, "anyone"),
    "InvalidParameterException",
    "Custom auth lambda trigger is not configured for the user pool.",
  );
  await expectCognitoError(
    start(noCustomClient, "anyone"),
    "InvalidParameterException",
    "Auth flow not enabled for this client",
  );
});

describe("amazon-cognito-identity-js", () => {
  const pool = () => new CognitoUserPool({ UserPoolId: poolId, ClientId: clients.ENABLED, endpoint: s.url });
  type Outcome = { kind: "session"; session: CognitoUserSession } | { kind: "error"; code: string };

  /** Answers every custom challenge with `reply`, counting the questions. */
  function callbacks(user: CognitoUser, reply: string, asked: string[], done: (o: Outcome) => void) {
    const cb = {
      onSuccess: (session: CognitoUserSession) => done({ kind: "session", session }),
      onFailure: (e: { code: string }) => done({ kind: "error", code: e.code }),
      customChallenge: (params: Record<string, string>) => {
        asked.push(params.question ?? "");
        user.sendCustomChallengeAnswer(reply, cb);
      },
    };
    return cb;
  }

  test("initiateAuth (CUSTOM_AUTH) + sendCustomChallengeAnswer", async () => {
    const name = uniq("erin");
    await putUser(s, poolId, { username: name });
    const user = new CognitoUser({ Username: name, Pool: pool() });
    const asked: string[] = [];
    const outcome = await new Promise<Outcome>((resolve) =>
      user.initiateAuth(new AuthenticationDetails({ Username: name }), callbacks(user, "4", asked, resolve)),
    );
    assert.equal(outcome.kind, "session");
    assert.deepEqual(asked, ["2+2?"]);
  });

  test("authenticateUser with authenticationFlowType CUSTOM_AUTH: SRP_A, PASSWORD_VERIFIER, then the question", async () => {
    const name = uniq("frank");
    await putUser(s, poolId, { username: name, password: "Passw0rd!" });
    const run = (password: string) => {
      const user = new CognitoUser({ Username: name, Pool: pool() });
      user.setAuthenticationFlowType("CUSTOM_AUTH");
      const asked: string[] = [];
      return new Promise<{ outcome: Outcome; asked: string[] }>((resolve) =>
        user.authenticateUser(
          new AuthenticationDetails({ Username: name, Password: password }),
          callbacks(user, "4", asked, (outcome) => resolve({ outcome, asked })),
        ),
      );
    };
    const ok = await run("Passw0rd!");
    assert.equal(ok.outcome.kind, "session");
    assert.deepEqual(ok.asked, ["2+2?"]);
    assert.deepEqual(
      eventsOf(stub, "define").map((e) => (e.request.session as History).map((h) => h.challengeName)),
      [["SRP_A"], ["SRP_A", "PASSWORD_VERIFIER"], ["SRP_A", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE"]],
    );
    // A wrong password ends at PASSWORD_VERIFIER, before any question.
    const bad = await run("wrong");
    assert.deepEqual(bad.outcome, { kind: "error", code: "NotAuthorizedException" });
    assert.deepEqual(bad.asked, []);
  });
});

test("the token answer after a custom flow is a normal AuthenticationResult", async () => {
  const name = uniq("gina");
  await putUser(s, poolId, { username: name });
  const first = await start(clients.LEGACY, name);
  const done = expectOk(await settle(answer(clients.LEGACY, name, first.Session, "4")));
  assert.deepEqual(done.ChallengeParameters, {});
  const result = done.AuthenticationResult as Record<string, unknown>;
  assert.equal(result.TokenType, "Bearer");
  assert.equal(result.ExpiresIn, 3600);
});
