/**
 * Operating the server (docs/operating.md): /health and /ready, Prometheus metrics at /metrics with
 * --metrics, one request log line per request, no secret in either, and the shutdown deadline.
 */
import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUserPoolsCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { openSqlite } from "../../src/storage/sql/sqlite-driver.ts";
import { arn, functionsDir, lastCode, settle } from "../helpers/fixtures.ts";
import { startTestServer } from "../helpers/server.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secretHash = (secret: string, username: string, clientId: string) =>
  createHmac("sha256", secret)
    .update(username + clientId)
    .digest("base64");

interface Spawned {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** Every line the server wrote to stdout. */
  lines: string[];
  client: CognitoIdentityProviderClient;
}

let srv: Spawned;
const data = mkdtempSync(join(tmpdir(), "hushpool-operating-"));

/** The server as `npm start` runs it, with metrics on and every log line kept. */
before(async () => {
  const child = spawn(
    process.execPath,
    [
      ...["--import", "tsx", "src/main.ts", "--port", "0", "--data", data, "--metrics"],
      ...["--log-level", "trace", "--log-codes", "off"],
      // One process: each worker keeps its own metrics registry (docs/operating.md#metrics), and the
      // test reads /metrics expecting the requests it just sent.
      ...["--workers", "1"],
    ],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" } },
  );
  const lines: string[] = [];
  let pending = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const parts = pending.split("\n");
      pending = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        const m = /^hushpool listening on (http:\/\/\S+)/.exec(line);
        if (m?.[1]) resolve(m[1]);
      }
    });
  });
  const client = new CognitoIdentityProviderClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  srv = { child, url, lines, client };
});
after(async () => {
  srv?.client.destroy();
  if (srv && srv.child.exitCode === null) {
    const exited = new Promise((r) => srv.child.once("exit", r));
    srv.child.kill("SIGTERM");
    await exited;
  }
  rmSync(data, { recursive: true, force: true });
});

const records = () =>
  srv.lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);

test("/health answers while the process lives; /ready checks the store and its migrations", async () => {
  const health = await fetch(`${srv.url}/health`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: "ok" });
  const ready = await fetch(`${srv.url}/ready`);
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), { status: "ready", storage: "ok", migrations: "applied" });
});

test("metrics and the request log count each operation, sign-in outcome and error, and hold no secret", async () => {
  const { client } = srv;
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({ PoolName: "ops", AutoVerifiedAttributes: ["email"] }),
  );
  const poolId = UserPool?.Id ?? "";
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "web",
      GenerateSecret: true,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  const clientId = UserPoolClient?.ClientId ?? "";
  const clientSecret = UserPoolClient?.ClientSecret ?? "";
  const username = "metric-user-ada";
  const password = "Sekr3t-Passw0rd!";
  const hash = secretHash(clientSecret, username, clientId);

  await client.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: username,
      Password: password,
      SecretHash: hash,
      UserAttributes: [{ Name: "email", Value: "ada@example.com" }],
    }),
  );
  const code = await lastCode(srv, poolId, username, "SIGN_UP");
  await client.send(
    new ConfirmSignUpCommand({
      ClientId: clientId,
      Username: username,
      ConfirmationCode: code,
      SecretHash: hash,
    }),
  );
  const signIn = (PASSWORD: string, USERNAME = username, SECRET_HASH = hash) =>
    client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME, PASSWORD, SECRET_HASH },
      }),
    );
  const signedIn = await signIn(password);
  const tokens = signedIn.AuthenticationResult;
  assert.ok(tokens?.AccessToken && tokens.IdToken && tokens.RefreshToken);
  await client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
  const wrong = await settle(signIn("Wr0ng-Passw0rd!"));
  assert.equal(wrong.ok ? "" : wrong.name, "NotAuthorizedException");
  // A temporary password: the sign-in answers a challenge.
  const temporary = "Temp-Passw0rd!9";
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: "metric-user-bob",
      TemporaryPassword: temporary,
      MessageAction: "SUPPRESS",
    }),
  );
  const challenged = await signIn(
    temporary,
    "metric-user-bob",
    secretHash(clientSecret, "metric-user-bob", clientId),
  );
  assert.equal(challenged.ChallengeName, "NEW_PASSWORD_REQUIRED");

  const res = await fetch(`${srv.url}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/plain/);
  const metrics = await res.text();
  const has = (line: string) => assert.ok(metrics.includes(line), `metrics lack ${line}`);
  has('hushpool_requests_total{operation="SignUp",status="200",error_type=""} 1');
  has('hushpool_requests_total{operation="InitiateAuth",status="200",error_type=""} 2');
  has('hushpool_requests_total{operation="InitiateAuth",status="400",error_type="NotAuthorizedException"} 1');
  has('hushpool_sign_in_total{operation="InitiateAuth",outcome="tokens"} 1');
  has('hushpool_sign_in_total{operation="InitiateAuth",outcome="NotAuthorizedException"} 1');
  has('hushpool_sign_in_total{operation="InitiateAuth",outcome="NEW_PASSWORD_REQUIRED"} 1');
  has('hushpool_request_duration_seconds_count{operation="InitiateAuth"} 3');
  has('hushpool_requests_total{operation="GET /health",status="200",error_type=""}');
  assert.match(metrics, /^hushpool_outbox_depth \d+$/m);
  assert.match(metrics, /^hushpool_process_cpu_seconds_total /m);

  // The request log: one line per request, with the operation, pool, status, error type, time and id.
  await sleep(100); // the line is written when the response closes
  const requestLines = records().filter((r) => r.msg === "request");
  const auth = requestLines.filter((r) => r.operation === "InitiateAuth");
  assert.equal(auth.length, 3);
  const refused = auth.find((r) => r.errorType === "NotAuthorizedException");
  assert.ok(refused);
  assert.equal(refused.status, 400);
  assert.equal(refused.clientId, clientId);
  assert.equal(typeof refused.ms, "number");
  assert.match(String(refused.requestId), /^[0-9a-f-]{36}$/);
  const ok = auth.find((r) => r.status === 200);
  assert.equal(
    ok?.requestId,
    signedIn.$metadata.requestId,
    "the log's request id is the answer's x-amzn-RequestId",
  );
  const created = requestLines.find((r) => r.operation === "AdminCreateUser");
  assert.equal(created?.pool, poolId);
  assert.equal(requestLines.filter((r) => r.operation === "SignUp").length, 1);
  assert.equal(
    requestLines.filter((r) => r.operation === "GetUser")[0]?.pool,
    poolId,
    "read from the token's issuer",
  );

  // No secret, in the metrics or in any log line at any level; no user name in the metrics.
  const log = srv.lines.join("\n");
  const secrets = {
    password,
    temporary,
    code,
    clientSecret,
    secretHash: hash,
    accessToken: tokens.AccessToken,
    idToken: tokens.IdToken,
    refreshToken: tokens.RefreshToken,
    session: challenged.Session ?? "",
  };
  for (const [what, value] of Object.entries(secrets)) {
    assert.ok(value.length >= 6, what);
    assert.ok(!log.includes(value), `the log holds the ${what}`);
    assert.ok(!metrics.includes(value), `the metrics hold the ${what}`);
  }
  for (const name of [username, "metric-user-bob", poolId, clientId])
    assert.ok(!metrics.includes(name), `the metrics name ${name}`);
});

test("an unknown target and a route are labelled by fixed names, never by what the caller sent", async () => {
  await fetch(`${srv.url}/`, {
    method: "POST",
    headers: {
      "X-Amz-Target": "AWSCognitoIdentityProviderService.NoSuchThing-secret-x",
      "Content-Type": "application/x-amz-json-1.1",
    },
    body: "{}",
  });
  await fetch(`${srv.url}/us-east-1_Nope123/.well-known/jwks.json`);
  await sleep(100); // requests are counted when their response closes
  const metrics = await (await fetch(`${srv.url}/metrics`)).text();
  assert.ok(!metrics.includes("secret-x"));
  assert.ok(!metrics.includes("us-east-1_Nope123"));
  assert.ok(metrics.includes('operation="(unknown)"'));
  assert.ok(metrics.includes('operation="GET /{poolId}/.well-known/jwks.json",status="404"'));
});

test("quota refusals and trigger calls are counted; /metrics is absent without --metrics", async (t) => {
  const fns = functionsDir({ presignup: "export const handler = async (event) => event;\n" });
  const s = await startTestServer({ metrics: true, quota: "off,UserPoolRead=1", functions: fns.dir });
  t.after(async () => {
    await s.stop();
    fns.cleanup();
  });
  const { UserPool } = await s.client.send(
    new CreateUserPoolCommand({ PoolName: "trig", LambdaConfig: { PreSignUp: arn("presignup") } }),
  );
  const { UserPoolClient } = await s.client.send(
    new CreateUserPoolClientCommand({ UserPoolId: UserPool?.Id, ClientName: "c" }),
  );
  await s.client.send(
    new SignUpCommand({ ClientId: UserPoolClient?.ClientId, Username: "trig-user", Password: "Passw0rd!x" }),
  );
  const results = await Promise.all(
    [1, 2, 3].map(() => settle(s.client.send(new ListUserPoolsCommand({ MaxResults: 1 })))),
  );
  assert.ok(results.some((r) => !r.ok && r.name === "TooManyRequestsException"));
  const metrics = await (await fetch(`${s.url}/metrics`)).text();
  assert.match(metrics, /^hushpool_quota_refusals_total\{category="UserPoolRead"\} [1-9]/m);
  assert.match(
    metrics,
    /^hushpool_trigger_duration_seconds_count\{trigger="PreSignUp",outcome="returned"\} 1$/m,
  );

  const plain = await startTestServer();
  t.after(() => plain.stop());
  assert.equal((await fetch(`${plain.url}/metrics`)).status, 404);
});

test("/ready answers 503 with the missing migration when the schema is behind this build", async (t) => {
  const s = await startTestServer();
  t.after(() => s.stop());
  const db = openSqlite(join(s.dataDir, "hushpool.sqlite"));
  const last = db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number };
  db.prepare("DELETE FROM schema_migrations WHERE version = ?").run(last.v);
  db.close();
  const ready = await fetch(`${s.url}/ready`);
  assert.equal(ready.status, 503);
  assert.deepEqual(await ready.json(), { status: "unavailable", storage: "ok", missingMigrations: [last.v] });
  assert.equal((await fetch(`${s.url}/health`)).status, 200, "alive all the same");
});

test("shutdown: a request still open at --shutdown-timeout-ms is cut and its socket closed", async () => {
  const s = await startTestServer({ shutdownTimeoutMs: 300 });
  const { port } = new URL(s.url);
  // A request whose body never finishes: without the deadline, it would hold the close for the
  // request timeout (30 s).
  const socket = connect(Number(port), "127.0.0.1");
  await new Promise<void>((r) => socket.once("connect", () => r()));
  socket.write(
    "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSCognitoIdentityProviderService.ListUserPools\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 100\r\n\r\n{",
  );
  const closed = new Promise<void>((r) => socket.once("close", () => r()));
  socket.on("error", () => {});
  await sleep(50);
  const started = Date.now();
  await s.stop();
  const took = Date.now() - started;
  await closed;
  assert.ok(took >= 250 && took < 5000, `closed after ${took} ms`);
});
