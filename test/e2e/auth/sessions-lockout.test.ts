import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  confirmedUser,
  createClient,
  createUser,
  expectCognitoError,
  movableClock,
  nameValues,
  poolWithClient,
  rejectionOf,
} from "../../helpers/fixtures.ts";
import { rawCall, startTestServer, type TestServer } from "../../helpers/server.ts";
import { srpRespond, srpStart } from "../../helpers/srp-client.ts";

/** Challenge sessions (single use, AuthSessionValidity), SECRET_BLOCK integrity and lockout (docs/operations.md#respondtoauthchallenge, docs/srp.md, docs/authentication.md#lockout-and-throttling). */
const clock = movableClock();
let s: TestServer;
let poolId: string;
let clientId: string;
let enabledId: string;

before(async () => {
  s = await startTestServer({}, { clock });
  ({ poolId, clientId } = await poolWithClient(s, {
    pool: { Schema: [{ Name: "email", Required: true, Mutable: true }] },
  }));
  enabledId = await createClient(s, poolId, "ENABLED", {
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
});
after(() => s.stop());

const passwordAuth = (client: string, USERNAME: string, PASSWORD: string) =>
  s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: client,
      AuthParameters: { USERNAME, PASSWORD },
    }),
  );

const INCORRECT = ["NotAuthorizedException", "Incorrect username or password."] as const;
const EXCEEDED = ["NotAuthorizedException", "Password attempts exceeded"] as const;

test("NEW_PASSWORD_REQUIRED: weak password keeps the session; single use; expiry; bogus; already-provided attribute", async () => {
  await createUser(s, poolId, "nina", {
    TemporaryPassword: "Temp0rary!",
    UserAttributes: nameValues({ email: "nina@example.com" }),
  });
  const start = async () => {
    const r = await passwordAuth(clientId, "nina", "Temp0rary!");
    assert.equal(r.ChallengeName, "NEW_PASSWORD_REQUIRED");
    assert.equal(r.ChallengeParameters?.USER_ID_FOR_SRP, "nina");
    assert.deepEqual(JSON.parse(r.ChallengeParameters?.userAttributes ?? ""), { email: "nina@example.com" });
    assert.equal(r.ChallengeParameters?.requiredAttributes, "[]");
    return r.Session ?? "";
  };
  const respond = (Session: string, responses: Record<string, string>) =>
    s.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session,
        ChallengeResponses: { USERNAME: "nina", ...responses },
      }),
    );
  const session = await start();
  await expectCognitoError(
    respond(session, { NEW_PASSWORD: "weak" }),
    "InvalidPasswordException",
    "Password does not conform to policy: Password not long enough",
  );
  await expectCognitoError(
    respond(session, { NEW_PASSWORD: "Str0ng-pass!", "userAttributes.email": "nina@example.com" }),
    "NotAuthorizedException",
    "Cannot modify an already provided email",
  );
  const expired = await start();
  clock.advance(3 * 60_000 + 1000);
  await expectCognitoError(
    respond(expired, { NEW_PASSWORD: "Str0ng-pass!" }),
    "NotAuthorizedException",
    "Invalid session for the user, session is expired.",
  );
  const fresh = await start();
  const done = await respond(fresh, { NEW_PASSWORD: "Str0ng-pass!" });
  assert.ok(done.AuthenticationResult?.AccessToken);
  await expectCognitoError(
    respond(fresh, { NEW_PASSWORD: "Str0ng-pass!" }),
    "NotAuthorizedException",
    "Invalid session for the user, session can only be used once.",
  );
  await expectCognitoError(
    respond("A".repeat(43), { NEW_PASSWORD: "Str0ng-pass!" }),
    "NotAuthorizedException",
    "Invalid session for the user.",
  );
  assert.ok((await passwordAuth(clientId, "nina", "Str0ng-pass!")).AuthenticationResult);
});

async function srpChallenge(client: string, username: string) {
  const start = srpStart();
  const r = await s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_SRP_AUTH",
      ClientId: client,
      AuthParameters: { USERNAME: username, SRP_A: start.srpA },
    }),
  );
  return { start, params: r.ChallengeParameters ?? {} };
}
const verify = (client: string, ChallengeResponses: Record<string, string>) =>
  s.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: client,
      ChallengeName: "PASSWORD_VERIFIER",
      ChallengeResponses,
    }),
  );

test("PASSWORD_VERIFIER: replay, forged or foreign SECRET_BLOCK, zero-padded TIMESTAMP", async () => {
  await confirmedUser(s, poolId, "sam", "Passw0rd!", { email: "sam@example.com" });
  const c = await srpChallenge(clientId, "sam");
  const ok = srpRespond(poolId, c.start, c.params, "Passw0rd!");
  assert.ok((await verify(clientId, ok)).AuthenticationResult);
  await expectCognitoError(
    verify(clientId, ok),
    "NotAuthorizedException",
    "Invalid session for the user, session can only be used once.",
  );
  const c2 = await srpChallenge(clientId, "sam");
  const block = Buffer.from(c2.params.SECRET_BLOCK ?? "", "base64");
  block[20] = (block[20] ?? 0) ^ 1;
  const forged = srpRespond(
    poolId,
    c2.start,
    { ...c2.params, SECRET_BLOCK: block.toString("base64") },
    "Passw0rd!",
  );
  await expectCognitoError(
    verify(clientId, forged),
    "NotAuthorizedException",
    "Invalid session for the user.",
  );
  // A block issued to one client is worthless to another.
  const valid = srpRespond(poolId, c2.start, c2.params, "Passw0rd!");
  assert.equal((await rejectionOf(verify(enabledId, valid))).message, "Invalid session for the user.");
  const c3 = await srpChallenge(clientId, "sam");
  const padded = new Date(Date.UTC(2026, 3, 5, 22, 44, 40)); // Sun Apr 5 → "Sun Apr 05 …" when zero-padded
  const r = srpRespond(poolId, c3.start, c3.params, "Passw0rd!", padded);
  r.TIMESTAMP = (r.TIMESTAMP ?? "").replace(" 5 ", " 05 ");
  await expectCognitoError(verify(clientId, r), ...INCORRECT);
  clock.advance(16 * 60_000);
});

test("lockout: five free failures, then 2^(n−5) s, for a real user and (ENABLED) an unknown name alike", async () => {
  await confirmedUser(s, poolId, "lou", "Passw0rd!", { email: "lou@example.com" });
  for (const [client, name] of [
    [clientId, "lou"],
    [enabledId, "lou"],
    [enabledId, "no-such-lou"],
  ] as const) {
    for (let i = 0; i < 5; i++)
      await expectCognitoError(passwordAuth(client, name, "bad-Passw0rd"), ...INCORRECT);
    // Locked for 1 s: even the right password is refused, and the refusal does not count.
    await expectCognitoError(passwordAuth(client, name, "Passw0rd!"), ...EXCEEDED);
    await expectCognitoError(passwordAuth(client, name, "Passw0rd!"), ...EXCEEDED);
    clock.advance(1100);
    await expectCognitoError(passwordAuth(client, name, "bad-Passw0rd"), ...INCORRECT); // n = 6 → 2 s
    clock.advance(1500);
    await expectCognitoError(passwordAuth(client, name, "Passw0rd!"), ...EXCEEDED);
    clock.advance(600);
    if (name === "lou") {
      assert.ok((await passwordAuth(client, name, "Passw0rd!")).AuthenticationResult);
      // A success starts the count again: five more free failures.
      for (let i = 0; i < 5; i++)
        await expectCognitoError(passwordAuth(client, name, "bad-Passw0rd"), ...INCORRECT);
    } else {
      await expectCognitoError(passwordAuth(client, name, "Passw0rd!"), ...INCORRECT);
    }
    clock.advance(16 * 60_000); // idle: the counter restarts
  }
  // SRP proofs and ADMIN_USER_PASSWORD_AUTH share the counter.
  for (let i = 0; i < 5; i++) {
    const c = await srpChallenge(clientId, "lou");
    await expectCognitoError(
      verify(clientId, srpRespond(poolId, c.start, c.params, "bad-Passw0rd")),
      ...INCORRECT,
    );
  }
  const admin = s.client.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "lou", PASSWORD: "Passw0rd!" },
    }),
  );
  await expectCognitoError(admin, ...EXCEEDED);
  clock.advance(16 * 60_000);
});

test("request checks before any user is read: flows, parameters, SECRET_HASH", async () => {
  const srpOnly = await createClient(s, poolId, "LEGACY", { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"] });
  await expectCognitoError(
    passwordAuth(srpOnly, "x", "y"),
    "InvalidParameterException",
    "USER_PASSWORD_AUTH flow not enabled for this client",
  );
  const call = (body: object, target = "InitiateAuth") => rawCall(s.url, target, JSON.stringify(body));
  const r1 = await call({
    ClientId: clientId,
    AuthFlow: "USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: "x" },
  });
  assert.equal(r1.json.message, "Missing required parameter PASSWORD");
  const r2 = await call({ ClientId: clientId, AuthFlow: "USER_SRP_AUTH", AuthParameters: {} });
  assert.equal(r2.json.message, "Missing required parameter USERNAME");
  const r3 = await call({ ClientId: clientId, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: {} });
  assert.equal(r3.json.message, "Initiate Auth method not supported.");
  const r4 = await call({ ClientId: clientId, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "x" } });
  assert.equal(r4.json.message, "Custom auth lambda trigger is not configured for the user pool.");
  const secret = await s.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "confidential",
      GenerateSecret: true,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  const id = secret.UserPoolClient?.ClientId ?? "";
  const key = secret.UserPoolClient?.ClientSecret ?? "";
  await expectCognitoError(
    passwordAuth(id, "sam", "Passw0rd!"),
    "NotAuthorizedException",
    `Client ${id} is configured for secret but secret was not received`,
  );
  const { createHmac } = await import("node:crypto");
  const hash = (name: string) =>
    createHmac("sha256", key)
      .update(name + id)
      .digest("base64");
  const ok = await s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: id,
      AuthParameters: { USERNAME: "sam", PASSWORD: "Passw0rd!", SECRET_HASH: hash("sam") },
    }),
  );
  const refreshed = await s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: id,
      AuthParameters: {
        REFRESH_TOKEN: ok.AuthenticationResult?.RefreshToken ?? "",
        SECRET_HASH: hash("sam"),
      },
    }),
  );
  assert.ok(refreshed.AuthenticationResult?.AccessToken);
  assert.equal(refreshed.AuthenticationResult?.RefreshToken, undefined);
  await expectCognitoError(
    s.client.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: id,
        AuthParameters: { USERNAME: "sam", PASSWORD: "Passw0rd!", SECRET_HASH: hash("other") },
      }),
    ),
    "NotAuthorizedException",
    `Unable to verify secret hash for client ${id}`,
  );
});

test("AdminInitiateAuth → NEW_PASSWORD_REQUIRED → AdminRespondToAuthChallenge; a session is bound to its client", async () => {
  await createUser(s, poolId, "ada", {
    TemporaryPassword: "Temp0rary!",
    UserAttributes: nameValues({ email: "ada@example.com" }),
  });
  const r = await s.client.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "ada", PASSWORD: "Temp0rary!" },
    }),
  );
  assert.equal(r.ChallengeName, "NEW_PASSWORD_REQUIRED");
  const responses = { USERNAME: "ada", NEW_PASSWORD: "Str0ng-pass!" };
  const other = s.client.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: poolId,
      ClientId: enabledId,
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      Session: r.Session,
      ChallengeResponses: responses,
    }),
  );
  assert.equal((await rejectionOf(other)).message, "Invalid session for the user.");
  const done = await s.client.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      Session: r.Session,
      ChallengeResponses: responses,
    }),
  );
  assert.ok(done.AuthenticationResult?.IdToken);
  assert.deepEqual(done.ChallengeParameters, {});
});
