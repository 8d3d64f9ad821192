import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import {
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createClient, createPool, outbox, putUser, rejectionOf } from "../helpers/fixtures.ts";
import { freshSchema, POSTGRES_URL, postgresUnavailable, type TestSchema } from "../helpers/postgres.ts";
import { rawCall, startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Request-rate quotas (docs/security.md#quotas) on two real servers sharing one PostgreSQL schema, as
 * two nodes behind a load balancer: UserAccountRecovery at 5 per second is one budget for the pool,
 * whichever node a request reaches. Both nodes read one frozen clock that the test moves, so a
 * "window" is exactly what the test says it is however slow the machine.
 */

const unavailable = await postgresUnavailable();
if (unavailable) console.log(unavailable);
const skip = unavailable ?? false;

const THROTTLED = { name: "TooManyRequestsException", message: "Rate exceeded" };
let now = Date.now();
const clock = { now: () => now };
const nextWindow = () => {
  now += 1001;
};

let schema: TestSchema;
let a: TestServer;
let b: TestServer;
let poolId: string;
let clientId: string;

before(async () => {
  if (unavailable) return;
  schema = await freshSchema(POSTGRES_URL);
  const shared = {
    databaseUrl: schema.url,
    masterKey: randomBytes(32).toString("base64"),
    quota: "off,UserAccountRecovery=5",
  };
  a = await startTestServer(shared, { clock });
  b = await startTestServer(shared, { clock });
  poolId = await createPool(a, { AutoVerifiedAttributes: ["email"] });
  clientId = await createClient(b, poolId, "ENABLED", { ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] });
  await putUser(a, poolId, {
    username: "alice",
    attributes: { email: "alice@example.com", email_verified: "true" },
  });
});

after(async () => {
  if (unavailable) return;
  await Promise.all([a?.stop(), b?.stop()]);
  await schema.drop();
});

const forgot = (node: TestServer, Username: string) =>
  node.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username }));

test("five requests per window across both nodes, then TooManyRequestsException: Rate exceeded", {
  skip,
}, async () => {
  nextWindow();
  const names = ["alice", "ghost-1", "alice", "ghost-2", "ghost-3"];
  for (const [i, name] of names.entries()) await forgot(i % 2 === 0 ? a : b, name);

  // The sixth, on the wire: AWS JSON 1.1's error shape with Cognito's words, HTTP 400.
  const sixth = await rawCall(
    b.url,
    "ForgotPassword",
    JSON.stringify({ ClientId: clientId, Username: "alice" }),
  );
  assert.equal(sixth.status, 400);
  assert.deepEqual(sixth.json, { __type: THROTTLED.name, message: THROTTLED.message });
  assert.equal(sixth.headers.get("x-amzn-errortype"), `${THROTTLED.name}:`);

  // The whole category shares the budget (ConfirmForgotPassword too); other categories do not.
  const confirm = a.client.send(
    new ConfirmForgotPasswordCommand({
      ClientId: clientId,
      Username: "bob",
      ConfirmationCode: "123456",
      Password: "N3w-Passw0rd!",
    }),
  );
  assert.deepEqual(await rejectionOf(confirm), THROTTLED);
  const signIn = a.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" },
    }),
  );
  assert.ok((await signIn).AuthenticationResult?.AccessToken, "UserAuthentication is not limited here");

  nextWindow();
  await forgot(b, "ghost-4");
});

test("a throttled request is refused before any user is read: the same answer for every name", {
  skip,
}, async () => {
  nextWindow();
  for (let i = 0; i < 5; i++) await forgot(a, `filler-${i}`);
  const before = (await outbox(a, poolId, "alice")).length;
  const known = await rejectionOf(forgot(a, "alice"));
  const unknown = await rejectionOf(forgot(b, "nobody-at-all"));
  assert.deepEqual(known, THROTTLED);
  assert.deepEqual(unknown, THROTTLED);
  assert.equal((await outbox(a, poolId, "alice")).length, before, "no code was sent to alice");
});

test("the AWS SDK classifies it as throttling and retries it before surfacing it", { skip }, async () => {
  nextWindow();
  for (let i = 0; i < 5; i++) await forgot(b, `filler-${i}`);
  // The test servers' clients make one attempt; this one keeps the SDK's default retry strategy.
  const retrying = new CognitoIdentityProviderClient({
    endpoint: a.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 3,
  });
  try {
    const err = await retrying
      .send(new ForgotPasswordCommand({ ClientId: clientId, Username: "alice" }))
      .then(() => assert.fail("expected TooManyRequestsException"))
      .catch((e: unknown) => e as { name: string; message: string; $metadata: { attempts?: number } });
    assert.deepEqual({ name: err.name, message: err.message }, THROTTLED);
    assert.equal(err.$metadata.attempts, 3, "retried as a throttling error (the window stays full)");
  } finally {
    retrying.destroy();
  }
});
