/**
 * The admin plane signed like AWS (docs/security.md#admin-credentials): with keys configured, every
 * IAM-class operation needs a valid Signature Version 4 from one of them, and the key must cover the
 * pool; public operations stay unsigned. Driven with the real AWS SDK v3 and with raw requests.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { expectCognitoError } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { callRaw } from "../helpers/signed-call.ts";

const ALL = { accessKeyId: "AKIAHUSHPOOLALL00001", secretAccessKey: "all-pools-secret/abc+def" };
const SCOPED = { accessKeyId: "AKIAHUSHPOOLONE00001", secretAccessKey: "one-pool-secret" };
const OWN_POOL = "us-east-1_OnlyMine1";
const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const UNRECOGNIZED = "The security token included in the request is invalid.";

let s: TestServer;
let admin: CognitoIdentityProviderClient;
let poolId: string;
let clientId: string;

const clientWith = (credentials: { accessKeyId: string; secretAccessKey: string }, region = "us-east-1") =>
  new CognitoIdentityProviderClient({ endpoint: s.url, region, credentials, maxAttempts: 1 });

let keyDir: string;

before(async () => {
  keyDir = mkdtempSync(join(tmpdir(), "hushpool-keys-"));
  const file = join(keyDir, "admin-keys.json");
  writeFileSync(
    file,
    JSON.stringify([
      { ...ALL, pools: "*" },
      { ...SCOPED, pools: [OWN_POOL] },
    ]),
  );
  s = await startTestServer({ adminCredentials: file });
  admin = clientWith(ALL);
  const pool = await admin.send(new CreateUserPoolCommand({ PoolName: "signed" }));
  poolId = pool.UserPool?.Id ?? "";
  const client = await admin.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "web",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  clientId = client.UserPoolClient?.ClientId ?? "";
});
after(async () => {
  admin.destroy();
  await s.stop();
  rmSync(keyDir, { recursive: true, force: true });
});

test("a key for every pool runs admin operations with the SDK, unchanged", async () => {
  await admin.send(
    new AdminCreateUserCommand({ UserPoolId: poolId, Username: "ann", MessageAction: "SUPPRESS" }),
  );
  const users = await admin.send(new ListUsersCommand({ UserPoolId: poolId }));
  assert.deepEqual(
    users.Users?.map((u) => u.Username),
    ["ann"],
  );
  const described = await admin.send(
    new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }),
  );
  assert.equal(described.UserPoolClient?.ClientId, clientId);
});

test("a wrong secret: InvalidSignatureException with AWS's sentence", async () => {
  const c = clientWith({ accessKeyId: ALL.accessKeyId, secretAccessKey: "not-the-secret" });
  await expectCognitoError(
    c.send(new ListUsersCommand({ UserPoolId: poolId })),
    "InvalidSignatureException",
    MISMATCH,
  );
  c.destroy();
});

test("an unknown key: UnrecognizedClientException", async () => {
  const c = clientWith({ accessKeyId: "AKIANOBODY0000000000", secretAccessKey: "x" });
  await expectCognitoError(
    c.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId })),
    "UnrecognizedClientException",
    UNRECOGNIZED,
  );
  c.destroy();
});

test("no signature: 403 MissingAuthenticationTokenException, no CORS on the answer", async () => {
  const r = await callRaw(s.url, "AdminGetUser", { UserPoolId: poolId, Username: "ann" });
  assert.equal(r.status, 403);
  assert.deepEqual(r.json, {
    __type: "MissingAuthenticationTokenException",
    message: "Missing Authentication Token",
  });
  assert.equal(r.headers["x-amzn-errortype"], "MissingAuthenticationTokenException:");
  assert.equal(r.headers["access-control-allow-origin"], undefined);
});

test("a key limited to other pools: AccessDeniedException naming the operation and the pool ARN", async () => {
  const c = clientWith(SCOPED);
  await expectCognitoError(
    c.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ann" })),
    "AccessDeniedException",
    `User: arn:aws:iam::000000000000:user/${SCOPED.accessKeyId} is not authorized to perform: cognito-idp:AdminGetUser on resource: arn:aws:cognito-idp:us-east-1:000000000000:userpool/${poolId} because no identity-based policy allows the cognito-idp:AdminGetUser action`,
  );
  // Its own pool is admitted (and then does not exist here); pool-less operations need "*".
  await expectCognitoError(
    c.send(new ListUsersCommand({ UserPoolId: OWN_POOL })),
    "ResourceNotFoundException",
    `User pool ${OWN_POOL} does not exist.`,
  );
  await expectCognitoError(
    c.send(new ListUserPoolsCommand({ MaxResults: 10 })),
    "AccessDeniedException",
    /userpool\/\*/,
  );
  c.destroy();
});

test("HTTP statuses: 400 for signature and key errors and AccessDenied, 403 for a missing token", async () => {
  const wrong = await callRaw(
    s.url,
    "ListUsers",
    { UserPoolId: poolId },
    { key: { ...ALL, secretAccessKey: "x" } },
  );
  const unknown = await callRaw(
    s.url,
    "ListUsers",
    { UserPoolId: poolId },
    { key: { ...ALL, accessKeyId: "AKIAX" } },
  );
  const denied = await callRaw(s.url, "ListUsers", { UserPoolId: poolId }, { key: SCOPED });
  assert.deepEqual([wrong.status, unknown.status, denied.status], [400, 400, 400]);
  assert.equal(denied.json.__type, "AccessDeniedException");
});

test("a signature older or newer than 15 minutes: AWS's skew messages", async () => {
  const old = await callRaw(
    s.url,
    "ListUsers",
    { UserPoolId: poolId },
    { key: ALL, signingDate: new Date(Date.now() - 16 * 60_000) },
  );
  assert.equal(old.status, 400);
  assert.equal(old.json.__type, "InvalidSignatureException");
  assert.match(
    String(old.json.message),
    /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
  );
  const future = await callRaw(
    s.url,
    "ListUsers",
    { UserPoolId: poolId },
    { key: ALL, signingDate: new Date(Date.now() + 16 * 60_000) },
  );
  assert.match(
    String(future.json.message),
    /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
  );
  const recent = await callRaw(
    s.url,
    "ListUsers",
    { UserPoolId: poolId },
    { key: ALL, signingDate: new Date(Date.now() - 14 * 60_000) },
  );
  assert.equal(recent.status, 200);
});

test("a bogus or replayed signature is refused: another body, a forged header, a wrong region", async () => {
  const replay = await callRaw(
    s.url,
    "AdminGetUser",
    { UserPoolId: poolId, Username: "ann" },
    { key: ALL, sendBody: JSON.stringify({ UserPoolId: poolId, Username: "bob" }) },
  );
  assert.deepEqual(replay.json, { __type: "InvalidSignatureException", message: MISMATCH });
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const bogus = await callRaw(
    s.url,
    "AdminGetUser",
    { UserPoolId: poolId, Username: "ann" },
    {
      headers: {
        "x-amz-date": amzDate,
        authorization: `AWS4-HMAC-SHA256 Credential=${ALL.accessKeyId}/${day}/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=${"0".repeat(64)}`,
      },
    },
  );
  assert.deepEqual(bogus.json, { __type: "InvalidSignatureException", message: MISMATCH });
  const notSigV4 = await callRaw(
    s.url,
    "AdminGetUser",
    { UserPoolId: poolId },
    { headers: { authorization: "Bearer abc" } },
  );
  assert.equal(notSigV4.status, 400);
  assert.equal(notSigV4.json.__type, "IncompleteSignatureException");
  assert.match(String(notSigV4.json.message), /^Authorization header requires 'Credential' parameter\./);
  const region = clientWith(ALL, "eu-west-1");
  await expectCognitoError(
    region.send(new ListUsersCommand({ UserPoolId: poolId })),
    "InvalidSignatureException",
    "Credential should be scoped to a valid region, not 'eu-west-1'.",
  );
  region.destroy();
});

test("public operations need no signature, whatever credentials the client holds", async () => {
  const stranger = clientWith({ accessKeyId: "AKIASTRANGER", secretAccessKey: "nope" });
  await stranger.send(new SignUpCommand({ ClientId: clientId, Username: "zed", Password: "Passw0rd!x" }));
  await expectCognitoError(
    stranger.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "zed", PASSWORD: "Passw0rd!x" },
      }),
    ),
    "UserNotConfirmedException",
  );
  const raw = await callRaw(s.url, "ConfirmSignUp", {
    ClientId: clientId,
    Username: "zed",
    ConfirmationCode: "1",
  });
  assert.equal(raw.json.__type, "ExpiredCodeException", "admitted without a signature (no code was sent)");
  assert.equal(raw.headers["access-control-allow-origin"], "*");
  stranger.destroy();
});

test("the single environment key (HUSHPOOL_ADMIN_ACCESS_KEY_ID / _SECRET_ACCESS_KEY) covers every pool", async () => {
  const env = await startTestServer({
    adminAccessKeyId: "AKIAENVKEY0000000001",
    adminSecretAccessKey: "env-secret",
  });
  const c = new CognitoIdentityProviderClient({
    endpoint: env.url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIAENVKEY0000000001", secretAccessKey: "env-secret" },
    maxAttempts: 1,
  });
  const pool = await c.send(new CreateUserPoolCommand({ PoolName: "env" }));
  assert.ok(pool.UserPool?.Id);
  await expectCognitoError(
    env.client.send(new ListUserPoolsCommand({ MaxResults: 1 })),
    "UnrecognizedClientException",
  );
  c.destroy();
  await env.stop();
});
