import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import type { OutboxMessage } from "../../src/storage/ports.ts";
import { expectCognitoError, waitFor } from "../helpers/fixtures.ts";
import { freshSchema, POSTGRES_URL, postgresUnavailable, type TestSchema } from "../helpers/postgres.ts";

/**
 * Two server processes on one PostgreSQL schema, as behind a load balancer (docs/scaling.md): state
 * written through one node is seen by the other, races between nodes are settled by the database,
 * and simulated answers come out the same from both (shared secret seed). Both nodes get the same
 * master key and the same --issuer-base-url, as a real N-node deployment must.
 */

const unavailable = await postgresUnavailable();
if (unavailable) console.log(unavailable);

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The public address of the (imaginary) load balancer: tokens name it, whichever node minted them. */
const ISSUER_BASE = "http://hushpool.test";
const PASSWORD = "Passw0rd!";

interface Node {
  name: string;
  url: string;
  client: CognitoIdentityProviderClient;
  /** Every stdout line so far (pino JSON at level info: the log sender's delivery lines). */
  lines: string[];
  stop(): Promise<void>;
}

/** Spawns `node --import tsx src/main.ts …` and resolves on its `hushpool listening on` line. */
function startNode(name: string, args: string[]): Promise<Node> {
  const dataDir = mkdtempSync(join(tmpdir(), `hushpool-${name}-`));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/main.ts", "--port", "0", "--data", dataDir, "--log-level", "info", ...args],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  let stderr = "";
  let pending = "";
  child.stderr?.on("data", (c: Buffer) => {
    stderr = (stderr + c.toString("utf8")).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail("no startup line within 30 s"), 30_000);
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`node ${name} did not start: ${why}\n${stderr}`));
    };
    child.once("exit", (code) => fail(`exited with ${code}`));
    child.stdout?.on("data", (c: Buffer) => {
      const parts = (pending + c.toString("utf8")).split("\n");
      pending = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        const url = /hushpool listening on (http:\/\/\S+)/.exec(line)?.[1];
        if (!url) continue;
        clearTimeout(timer);
        child.removeAllListeners("exit");
        const client = new CognitoIdentityProviderClient({
          endpoint: url,
          region: "us-east-1",
          credentials: { accessKeyId: "test", secretAccessKey: "test" },
          maxAttempts: 1,
        });
        resolve({ name, url, client, lines, stop: () => stopNode(child, client, dataDir) });
      }
    });
  });
}

async function stopNode(child: ChildProcess, client: CognitoIdentityProviderClient, dataDir: string) {
  client.destroy();
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dataDir, { recursive: true, force: true });
}

let schema: TestSchema;
let a: Node;
let b: Node;
let poolId: string;
let clientId: string;

before(async () => {
  if (unavailable) return;
  schema = await freshSchema(POSTGRES_URL);
  // No crash durability needed in a test; skipping the commit flush keeps the file fast on a busy disk.
  const url = new URL(schema.url);
  url.searchParams.set("options", "-c synchronous_commit=off");
  const shared = [
    "--database-url",
    url.toString(),
    "--master-key",
    randomBytes(32).toString("base64"),
    "--issuer-base-url",
    ISSUER_BASE,
    "--database-pool-size",
    "4",
  ];
  // Started together on an empty schema: the advisory lock makes them migrate once between them.
  [a, b] = await Promise.all([startNode("a", shared), startNode("b", shared)]);
});

after(async () => {
  if (unavailable) return;
  await Promise.all([a?.stop(), b?.stop()]);
  await schema.drop();
});

const skip = unavailable ?? false;

async function outbox(node: Node, username?: string): Promise<OutboxMessage[]> {
  const q = new URLSearchParams({ poolId, ...(username ? { username } : {}) });
  const res = await fetch(`${node.url}/_hushpool/messages?${q}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { Messages: OutboxMessage[] }).Messages;
}

async function codeFor(node: Node, username: string): Promise<string> {
  const code = (await outbox(node, username)).filter((m) => m.purpose === "SIGN_UP").at(-1)?.code;
  assert.ok(code, `no sign-up code for ${username}`);
  return code;
}

const signUp = (node: Node, username: string) =>
  node.client.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: username,
      Password: PASSWORD,
      UserAttributes: [{ Name: "email", Value: `${username}@example.com` }],
    }),
  );

const signIn = async (node: Node, username: string) => {
  const r = await node.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD },
    }),
  );
  assert.ok(r.AuthenticationResult?.AccessToken && r.AuthenticationResult.RefreshToken);
  return r.AuthenticationResult;
};

/** Signs up on `up`, reads the code through `reader`, confirms on `confirmer`. */
async function confirmedUser(username: string, up: Node, reader: Node, confirmer: Node): Promise<void> {
  await signUp(up, username);
  const code = await codeFor(reader, username);
  await confirmer.client.send(
    new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code }),
  );
}

test("a pool and a client created on A are visible on B", { skip }, async () => {
  const { UserPool } = await a.client.send(
    new CreateUserPoolCommand({ PoolName: "two-nodes", AutoVerifiedAttributes: ["email"] }),
  );
  poolId = UserPool?.Id ?? "";
  const { UserPoolClient } = await a.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "web",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      PreventUserExistenceErrors: "ENABLED",
    }),
  );
  clientId = UserPoolClient?.ClientId ?? "";
  const pool = await b.client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  assert.equal(pool.UserPool?.Name, "two-nodes");
  const client = await b.client.send(
    new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }),
  );
  assert.equal(client.UserPoolClient?.ClientName, "web");
});

test("sign-up on A, confirmation and USER_PASSWORD_AUTH sign-in on B", { skip }, async () => {
  await signUp(a, "alice");
  // The outbox is shared: the code A queued can be read through either node.
  // (sentAt is left out: A's drainer may mark the message sent between the two reads.)
  const unsent = (list: OutboxMessage[]) => list.map((m) => ({ ...m, sentAt: null }));
  assert.deepEqual(unsent(await outbox(a, "alice")), unsent(await outbox(b, "alice")));
  const code = await codeFor(b, "alice");
  await b.client.send(
    new ConfirmSignUpCommand({ ClientId: clientId, Username: "alice", ConfirmationCode: code }),
  );
  const tokens = await signIn(b, "alice");
  const me = await b.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
  assert.equal(me.Username, "alice");
});

test("a token minted by A verifies against the JWKS served by B", { skip }, async () => {
  const tokens = await signIn(a, "alice");
  const issuer = `${ISSUER_BASE}/${poolId}`;
  const discovery = (await (await fetch(`${b.url}/${poolId}/.well-known/openid-configuration`)).json()) as {
    issuer: string;
  };
  assert.equal(discovery.issuer, issuer, "same --issuer-base-url → same iss from every node");
  const jwksA = await (await fetch(`${a.url}/${poolId}/.well-known/jwks.json`)).json();
  const jwksB = await (await fetch(`${b.url}/${poolId}/.well-known/jwks.json`)).json();
  assert.deepEqual(jwksA, jwksB, "one key ring in the database");

  // aws-jwt-verify's own fetcher speaks HTTPS only; a plain-HTTP node needs a fetch-based one.
  const jwksCache = new SimpleJwksCache({
    fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() },
  });
  const verifier = JwtVerifier.create(
    {
      issuer,
      jwksUri: `${b.url}/${poolId}/.well-known/jwks.json`,
      audience: null,
      scope: "aws.cognito.signin.user.admin",
      customJwtCheck: ({ payload }) => assert.equal(payload.client_id, clientId),
    },
    { jwksCache },
  );
  const claims = await verifier.verify(tokens.AccessToken ?? "");
  assert.equal(claims.username, "alice");
  assert.equal(claims.iss, issuer);
});

test("GlobalSignOut on A revokes, on B, the tokens either node minted", { skip }, async () => {
  const fromA = await signIn(a, "alice");
  const fromB = await signIn(b, "alice");
  await b.client.send(new GetUserCommand({ AccessToken: fromA.AccessToken }));
  await a.client.send(new GlobalSignOutCommand({ AccessToken: fromA.AccessToken }));
  const revoked = ["NotAuthorizedException", "Access Token has been revoked"] as const;
  for (const token of [fromA.AccessToken, fromB.AccessToken]) {
    await expectCognitoError(b.client.send(new GetUserCommand({ AccessToken: token })), ...revoked);
  }
  const refresh = b.client.send(
    new InitiateAuthCommand({
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: clientId,
      AuthParameters: { REFRESH_TOKEN: fromB.RefreshToken ?? "" },
    }),
  );
  await expectCognitoError(refresh, "NotAuthorizedException", "Refresh Token has been revoked");
  // A fresh sign-in on B works again.
  const again = await signIn(b, "alice");
  await a.client.send(new GetUserCommand({ AccessToken: again.AccessToken }));
});

test("two concurrent SignUps of one username, one per node: exactly one succeeds", { skip }, async () => {
  const rounds = await Promise.all(
    Array.from({ length: 6 }, (_, i) => Promise.allSettled([signUp(a, `racer${i}`), signUp(b, `racer${i}`)])),
  );
  for (const [i, round] of rounds.entries()) {
    const won = round.filter((r) => r.status === "fulfilled");
    const lost = round.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    assert.equal(won.length, 1, `racer${i}: exactly one winner`);
    const err = lost[0]?.reason as { name?: string; message?: string };
    assert.deepEqual(
      { name: err.name, message: err.message },
      { name: "UsernameExistsException", message: "User already exists" },
    );
    assert.equal((await outbox(b, `racer${i}`)).length, 1, `racer${i}: one code sent`);
  }
});

test("an unknown user's simulated CodeDeliveryDetails is the same from both nodes", { skip }, async () => {
  const ask = (node: Node, username: string) =>
    node.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: username }));
  for (const username of ["nobody", "ghost-42", "someone.else"]) {
    const [fromA, fromB] = await Promise.all([ask(a, username), ask(b, username)]);
    assert.ok(fromA.CodeDeliveryDetails?.Destination?.includes("***"));
    assert.deepEqual(fromA.CodeDeliveryDetails, fromB.CodeDeliveryDetails, username);
  }
});

/** Delivery log lines (log sender, level info) for this pool, from both nodes, by username. */
function deliveries(): Map<string, number> {
  const seen = new Map<string, number>();
  for (const line of [...a.lines, ...b.lines]) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as { msg?: string; poolId?: string; username?: string };
    if (entry.poolId !== poolId || !entry.msg?.startsWith("message (")) continue;
    seen.set(entry.username ?? "", (seen.get(entry.username ?? "") ?? 0) + 1);
  }
  return seen;
}

test("every queued message is delivered once, whichever node drains it", { skip }, async () => {
  // Sign-ups alternate between the nodes, so both drain the shared outbox at the same time.
  const names = Array.from({ length: 12 }, (_, i) => `mail${i}`);
  await Promise.all(names.map((n, i) => signUp(i % 2 === 0 ? a : b, n)));
  await confirmedUser("late", b, a, a);

  const real = (await outbox(a)).filter((m) => m.purpose !== "DECOY");
  let pending: OutboxMessage[] = [];
  await waitFor(
    async () => {
      pending = (await outbox(b)).filter((m) => m.purpose !== "DECOY" && m.sentAt === null);
      const seen = deliveries();
      return pending.length === 0 && real.every((m) => seen.has(m.username));
    },
    {
      timeoutMs: 15_000,
      intervalMs: 100,
      message: () => `still unsent after 15 s: ${pending.map((m) => m.username)}`,
    },
  );
  const seen = deliveries();
  for (const m of real) assert.equal(seen.get(m.username), 1, `${m.username} delivered once`);
  assert.equal(
    [...seen.values()].reduce((x, y) => x + y, 0),
    real.length,
  );
});
