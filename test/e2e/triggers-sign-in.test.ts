import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Mode } from "../../src/domain/existence/index.ts";
import {
  arn,
  createClient,
  createPool,
  createUser,
  eventsOf,
  expectCognitoError,
  expectOk,
  functionsDir,
  MODES,
  onlyEvent,
  putUser,
  type SeenEvent,
  serverWithStub,
  settle,
  uniq,
} from "../helpers/fixtures.ts";
import type { LambdaStub } from "../helpers/lambda-stub.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * PreAuthentication, PostAuthentication and PreTokenGeneration (V1 and V2) on sign-in, refresh and the
 * new-password challenge (docs/triggers.md#preauthentication, docs/triggers.md#postauthentication, docs/triggers.md#pretokengeneration), through the Invoke API stand-in; two pools with
 * different triggers on one server; and the same triggers with in-process handlers.
 */
let s: TestServer;
let stub: LambdaStub;
let stop: () => Promise<void>;
let poolId: string;
let v2PoolId: string;
const clients = {} as Record<Mode, string>;
let v2Client: string;

const FLOWS = [
  "ALLOW_USER_PASSWORD_AUTH",
  "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  "ALLOW_USER_SRP_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
] as const;

before(async () => {
  ({ s, stub, stop } = await serverWithStub());
  poolId = await createPool(s, {
    LambdaConfig: {
      PreAuthentication: arn("pre-auth"),
      PostAuthentication: arn("post-auth"),
      PreTokenGeneration: arn("pre-token-v1"),
    },
  });
  for (const mode of MODES)
    clients[mode] = await createClient(s, poolId, mode, { ExplicitAuthFlows: [...FLOWS] });
  // A second pool on the same server with other triggers: only its V2 token function.
  v2PoolId = await createPool(s, {
    LambdaConfig: {
      PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: arn("pre-token-v2") },
    },
  });
  v2Client = await createClient(s, v2PoolId, "LEGACY", { ExplicitAuthFlows: [...FLOWS] });
});
after(() => stop());

beforeEach(() => {
  stub.clear();
  stub.on("pre-auth", (e) => e);
  stub.on("post-auth", (e) => e);
  stub.on<SeenEvent>("pre-token-v1", (e) => ({
    ...e,
    response: {
      claimsOverrideDetails: {
        claimsToAddOrOverride: { tenant: "acme", email: "hidden@example.com" },
        claimsToSuppress: ["family_name"],
        groupOverrideDetails: { groupsToOverride: ["admins"] },
      },
    },
  }));
  stub.on<SeenEvent>("pre-token-v2", (e) => ({
    ...e,
    response: {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { plan: "pro" } },
        accessTokenGeneration: {
          claimsToAddOrOverride: { roles: ["reader", "writer"] },
          scopesToAdd: ["orders/read"],
        },
      },
    },
  }));
});

const decode = (jwt: string | undefined): Record<string, unknown> =>
  JSON.parse(Buffer.from((jwt ?? "").split(".")[1] ?? "", "base64url").toString()) as Record<string, unknown>;

const passwordSignIn = (
  ClientId: string,
  USERNAME: string,
  PASSWORD = "Passw0rd!",
  meta?: Record<string, string>,
) =>
  settle(
    s.client.send(
      new InitiateAuthCommand({
        ClientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME, PASSWORD },
        ...(meta ? { ClientMetadata: meta } : {}),
      }),
    ),
  );

for (const mode of MODES) {
  describe(mode, () => {
    test("a successful sign-in: PreAuthentication, PreTokenGeneration (V1), PostAuthentication, in that order", async () => {
      const name = uniq("alice");
      await putUser(s, poolId, {
        username: name,
        attributes: { email: `${name}@example.com`, family_name: "A" },
      });
      const out = expectOk(await passwordSignIn(clients[mode], name, "Passw0rd!", { app: "web" }));
      assert.deepEqual(
        stub.invocations.map((i) => i.name),
        ["pre-auth", "pre-token-v1", "post-auth"],
      );
      const pre = onlyEvent(stub, "pre-auth");
      assert.equal(pre.triggerSource, "PreAuthentication_Authentication");
      assert.equal(pre.userName, name);
      assert.equal(pre.callerContext.clientId, clients[mode]);
      assert.equal(pre.request.userAttributes.email, `${name}@example.com`);
      assert.deepEqual(pre.request.validationData, { app: "web" });
      // userNotFound is sent only to ENABLED clients (docs/triggers.md#preauthentication).
      if (mode === "ENABLED") assert.equal(pre.request.userNotFound, false);
      else assert.equal("userNotFound" in pre.request, false);

      const token = onlyEvent(stub, "pre-token-v1");
      assert.equal(token.version, "1");
      assert.equal(token.triggerSource, "TokenGeneration_Authentication");
      assert.deepEqual(token.request.groupConfiguration, {
        groupsToOverride: [],
        iamRolesToOverride: [],
        preferredRole: null,
      });
      assert.equal("scopes" in token.request, false);
      const post = onlyEvent(stub, "post-auth");
      assert.equal(post.triggerSource, "PostAuthentication_Authentication");
      assert.equal(post.request.newDeviceUsed, false);

      const result = out.AuthenticationResult as Record<string, string>;
      const id = decode(result.IdToken);
      assert.equal(id.tenant, "acme");
      assert.equal(id.email, "hidden@example.com");
      assert.equal(id.family_name, undefined);
      assert.deepEqual(id["cognito:groups"], ["admins"]);
      // V1 changes the ID token only (claims); groups show in both tokens.
      const access = decode(result.AccessToken);
      assert.equal(access.tenant, undefined);
    });

    test("a rejecting PreAuthentication wins over a wrong password; PostAuthentication never runs on failure", async () => {
      const name = uniq("bob");
      await putUser(s, poolId, { username: name });
      stub.on("pre-auth", () => {
        throw new Error("Sign-in is closed for maintenance");
      });
      const want = [
        "UserLambdaValidationException",
        "PreAuthentication failed with error Sign-in is closed for maintenance.",
      ] as const;
      await expectCognitoError(await passwordSignIn(clients[mode], name, "wrong-password"), ...want);
      await expectCognitoError(await passwordSignIn(clients[mode], name), ...want);
      assert.equal(eventsOf(stub, "post-auth").length, 0);
      stub.on("pre-auth", (e) => e);
      await expectCognitoError(
        await passwordSignIn(clients[mode], name, "wrong"),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
      assert.equal(eventsOf(stub, "post-auth").length, 0);
    });

    test("an unknown name: PreAuthentication only under ENABLED, with userNotFound: true", async () => {
      const name = uniq("ghost");
      const r = await passwordSignIn(clients[mode], name);
      if (mode === "LEGACY") {
        await expectCognitoError(r, "UserNotFoundException", "User does not exist.");
        assert.equal(stub.invocations.length, 0);
        return;
      }
      await expectCognitoError(r, "NotAuthorizedException", "Incorrect username or password.");
      const pre = onlyEvent(stub, "pre-auth");
      assert.equal(pre.userName, name);
      assert.equal(pre.request.userNotFound, true);
      assert.deepEqual(pre.request.userAttributes, {});
      // A function that rejects unknown names reveals them, as on Cognito (the seed's third answer).
      stub.on("pre-auth", () => {
        throw new Error("no");
      });
      await expectCognitoError(
        await passwordSignIn(clients[mode], name),
        "UserLambdaValidationException",
        "PreAuthentication failed with error no.",
      );
    });
  });
}

test("refresh: TokenGeneration_RefreshTokens, no PreAuthentication or PostAuthentication", async () => {
  const name = uniq("carol");
  await putUser(s, poolId, { username: name });
  const out = expectOk(await passwordSignIn(clients.LEGACY, name));
  const RefreshToken = (out.AuthenticationResult as Record<string, string>).RefreshToken ?? "";
  stub.clear();
  await s.client.send(
    new InitiateAuthCommand({
      ClientId: clients.LEGACY,
      AuthFlow: "REFRESH_TOKEN_AUTH",
      AuthParameters: { REFRESH_TOKEN: RefreshToken },
    }),
  );
  assert.equal(onlyEvent(stub, "pre-token-v1").triggerSource, "TokenGeneration_RefreshTokens");
  stub.clear();
  await s.client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clients.LEGACY, RefreshToken }));
  assert.deepEqual(
    stub.invocations.map((i) => i.name),
    ["pre-token-v1"],
  );
});

test("NEW_PASSWORD_REQUIRED: TokenGeneration_NewPasswordChallenge", async () => {
  const name = uniq("newbie");
  await createUser(s, poolId, name, { TemporaryPassword: "Temp0rary!" });
  const start = await s.client.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clients.LEGACY,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: name, PASSWORD: "Temp0rary!" },
    }),
  );
  assert.equal(start.ChallengeName, "NEW_PASSWORD_REQUIRED");
  stub.clear();
  await s.client.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: poolId,
      ClientId: clients.LEGACY,
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      Session: start.Session,
      ChallengeResponses: { USERNAME: name, NEW_PASSWORD: "Perm4nent!" },
    }),
  );
  assert.equal(onlyEvent(stub, "pre-token-v1").triggerSource, "TokenGeneration_NewPasswordChallenge");
  assert.equal(eventsOf(stub, "post-auth").length, 1);
});

test("per-pool configuration: the second pool runs only its V2 function, which changes both tokens and the scopes", async () => {
  const name = uniq("dora");
  await putUser(s, v2PoolId, { username: name });
  const out = expectOk(await passwordSignIn(v2Client, name));
  assert.deepEqual(
    stub.invocations.map((i) => i.name),
    ["pre-token-v2"],
  );
  const e = onlyEvent(stub, "pre-token-v2");
  assert.equal(e.version, "2");
  assert.equal(e.userPoolId, v2PoolId);
  assert.deepEqual(e.request.scopes, ["aws.cognito.signin.user.admin"]);
  const result = out.AuthenticationResult as Record<string, string>;
  assert.equal(decode(result.IdToken).plan, "pro");
  const access = decode(result.AccessToken);
  assert.deepEqual(access.roles, ["reader", "writer"]);
  assert.equal(access.scope, "aws.cognito.signin.user.admin orders/read");
  // The first pool's functions were not called for this pool, and vice versa.
  stub.clear();
  const other = uniq("eve");
  await putUser(s, poolId, { username: other });
  expectOk(await passwordSignIn(clients.LEGACY, other));
  assert.equal(eventsOf(stub, "pre-token-v2").length, 0);
});

test("PreTokenGeneration V1 with an array claim: InvalidLambdaResponseException (docs/triggers.md#pretokengeneration)", async () => {
  stub.on<SeenEvent>("pre-token-v1", (e) => ({
    ...e,
    response: { claimsOverrideDetails: { claimsToAddOrOverride: { roles: ["a", "b"] } } },
  }));
  const name = uniq("frank");
  await putUser(s, poolId, { username: name });
  await expectCognitoError(
    await passwordSignIn(clients.LEGACY, name),
    "InvalidLambdaResponseException",
    "Unrecognizable lambda output",
  );
});

describe("in-process handlers (--functions)", () => {
  const fns = functionsDir({
    "pre-auth": [
      "export const handler = async (event) => {",
      '  if (event.request.userAttributes["custom:blocked"] === "yes") throw new Error("Account blocked");',
      "  return event;",
      "};",
    ].join("\n"),
    "pre-token": [
      "export const handler = (event, context, callback) => {",
      '  event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { "fn": context.functionName } } };',
      "  callback(null, event);",
      "};",
    ].join("\n"),
  });
  let local: TestServer;
  let localPool: string;
  let localClient: string;
  before(async () => {
    local = await startTestServer({ functions: fns.dir });
    localPool = await createPool(local, {
      Schema: [{ Name: "blocked", AttributeDataType: "String", Mutable: true }],
      LambdaConfig: { PreAuthentication: arn("pre-auth"), PreTokenGeneration: arn("pre-token") },
    });
    localClient = await createClient(local, localPool, "LEGACY", { ExplicitAuthFlows: [...FLOWS] });
  });
  after(async () => {
    await local.stop();
    fns.cleanup();
  });

  test("PreAuthentication and PreTokenGeneration run as modules", async () => {
    await putUser(local, localPool, { username: "ok-user" });
    await putUser(local, localPool, { username: "blocked-user", attributes: { "custom:blocked": "yes" } });
    const signIn = (USERNAME: string) =>
      settle(
        local.client.send(
          new InitiateAuthCommand({
            ClientId: localClient,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME, PASSWORD: "Passw0rd!" },
          }),
        ),
      );
    const out = expectOk(await signIn("ok-user"));
    assert.equal(decode((out.AuthenticationResult as Record<string, string>).IdToken).fn, "pre-token");
    await expectCognitoError(
      await signIn("blocked-user"),
      "UserLambdaValidationException",
      "PreAuthentication failed with error Account blocked.",
    );
  });
});
