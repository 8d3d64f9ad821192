import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUsersCommand,
  SignUpCommand,
  type UserType,
} from "@aws-sdk/client-cognito-identity-provider";
import { openSqlite } from "../../src/storage/sql/sqlite-driver.ts";
import { waitFor } from "../helpers/fixtures.ts";

/**
 * Durability with the real entry point as a child process: data survives a clean restart, and a
 * `kill -9` in the middle of concurrent AdminCreateUser or SignUp calls loses no acknowledged user
 * and leaves no half-written one (docs/storage.md#transactions).
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "hushpool-durability-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

interface Child {
  proc: ChildProcess;
  url: string;
  client: CognitoIdentityProviderClient;
}

/** `node --import tsx src/main.ts --port 0 --data <dir>`, ready once it prints its URL. */
function startServer(): Promise<Child> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "--port", "0", "--data", dataDir], {
    cwd: ROOT,
    // Quotas off: the kill test creates users far above UserCreation's 50 per second.
    env: { ...process.env, HUSHPOOL_LOG_LEVEL: "silent", HUSHPOOL_QUOTA: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stderr?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  return new Promise((resolve, reject) => {
    proc.once("exit", (code) => reject(new Error(`server exited (${code}): ${out}`)));
    proc.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /hushpool listening on (http:\/\/\S+)/.exec(out);
      if (!m?.[1]) return;
      proc.removeAllListeners("exit");
      const client = new CognitoIdentityProviderClient({
        endpoint: m[1],
        region: "us-east-1",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
        maxAttempts: 1,
      });
      resolve({ proc, url: m[1], client });
    });
  });
}

function stopServer(c: Child, signal: NodeJS.Signals): Promise<number | null> {
  c.client.destroy();
  return new Promise((resolve) => {
    c.proc.once("exit", (code) => resolve(code));
    c.proc.kill(signal);
  });
}

async function listAll(c: Child, UserPoolId: string): Promise<UserType[]> {
  const users: UserType[] = [];
  let PaginationToken: string | undefined;
  do {
    const page = await c.client.send(new ListUsersCommand({ UserPoolId, PaginationToken }));
    users.push(...(page.Users ?? []));
    PaginationToken = page.PaginationToken;
  } while (PaginationToken);
  return users;
}

const emailOf = (username: string) => `${username}@durable.example`;
const attrs = (username: string) => [
  { Name: "email", Value: emailOf(username) },
  { Name: "given_name", Value: `G-${username}` },
];

let poolId = "";

test("users and their changes survive a clean restart", async () => {
  const first = await startServer();
  const pool = await first.client.send(new CreateUserPoolCommand({ PoolName: "durable" }));
  poolId = pool.UserPool?.Id ?? "";
  for (let i = 0; i < 20; i++) {
    await first.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: `steady${i}`,
        UserAttributes: attrs(`steady${i}`),
        TemporaryPassword: "Temp-Passw0rd!",
        MessageAction: "SUPPRESS",
      }),
    );
  }
  await first.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "steady1" }));
  await first.client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: "steady2",
      Password: "Perm-Passw0rd!",
      Permanent: true,
    }),
  );
  await first.client.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: poolId,
      Username: "steady3",
      UserAttributes: [{ Name: "family_name", Value: "Kept" }],
    }),
  );
  const before = await listAll(first, poolId);
  assert.equal(before.length, 20);
  assert.equal(await stopServer(first, "SIGTERM"), 0, "SIGTERM shuts down cleanly");

  const second = await startServer();
  const afterRestart = await listAll(second, poolId);
  const byName = (list: UserType[]) =>
    [...list].sort((a, b) => (a.Username ?? "").localeCompare(b.Username ?? ""));
  assert.deepEqual(byName(afterRestart), byName(before));
  const get = (Username: string) =>
    second.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username }));
  assert.equal((await get("steady1")).Enabled, false);
  assert.equal((await get("steady2")).UserStatus, "CONFIRMED");
  assert.equal((await get("steady3")).UserAttributes?.find((a) => a.Name === "family_name")?.Value, "Kept");
  await stopServer(second, "SIGTERM");
});

test("kill -9 during concurrent AdminCreateUser loses no acknowledged user and half-writes none", async () => {
  const victim = await startServer();
  const acknowledged = new Set<string>();
  const attempted = new Set<string>();
  let killed = false;
  let n = 0;
  const worker = async (): Promise<void> => {
    while (!killed) {
      const username = `burst${n++}`;
      attempted.add(username);
      try {
        await victim.client.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: username,
            UserAttributes: attrs(username),
            TemporaryPassword: "Temp-Passw0rd!",
            MessageAction: "SUPPRESS",
          }),
        );
        acknowledged.add(username);
      } catch {
        // The server died under this call: the outcome is unknown, either way is allowed.
      }
    }
  };
  const workers = Array.from({ length: 8 }, worker);
  await waitFor(() => acknowledged.size >= 150, { timeoutMs: 60_000, intervalMs: 5 });
  killed = true;
  victim.proc.kill("SIGKILL");
  await Promise.all(workers);

  const revived = await startServer();
  const listed = await listAll(revived, poolId);
  const names = new Set(listed.map((u) => u.Username ?? ""));
  for (const u of acknowledged) assert.ok(names.has(u), `acknowledged user ${u} survived`);
  for (const u of listed) {
    const name = u.Username ?? "";
    if (name.startsWith("steady")) continue;
    assert.ok(attempted.has(name), `${name} was attempted`);
    // Fully readable: every attribute that was sent, a sub, the right status.
    const got = await revived.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: name }));
    const value = (n: string) => got.UserAttributes?.find((a) => a.Name === n)?.Value;
    assert.equal(value("email"), emailOf(name));
    assert.equal(value("given_name"), `G-${name}`);
    assert.match(value("sub") ?? "", /^[0-9a-f-]{36}$/);
    assert.equal(got.UserStatus, "FORCE_CHANGE_PASSWORD");
  }
  assert.equal(names.size, listed.length, "each user listed once");
  await stopServer(revived, "SIGTERM");

  // The database file itself is consistent.
  const db = openSqlite(join(dataDir, "hushpool.sqlite"), { readonly: true });
  try {
    assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
    const rows = db.prepare("SELECT COUNT(*) AS n FROM users WHERE credential IS NULL").get() as {
      n: number;
    };
    assert.equal(rows.n, 0, "no user without its credential");
  } finally {
    db.close();
  }
});

test("kill -9 during concurrent SignUp leaves no UNCONFIRMED user without its code and message", async () => {
  const victim = await startServer();
  const pool = await victim.client.send(
    new CreateUserPoolCommand({ PoolName: "signups", AutoVerifiedAttributes: ["email"] }),
  );
  const signUpPool = pool.UserPool?.Id ?? "";
  const client = await victim.client.send(
    new CreateUserPoolClientCommand({ UserPoolId: signUpPool, ClientName: "app" }),
  );
  const ClientId = client.UserPoolClient?.ClientId ?? "";
  const acknowledged = new Set<string>();
  let killed = false;
  let n = 0;
  const worker = async (): Promise<void> => {
    while (!killed) {
      const username = `signup${n++}`;
      try {
        await victim.client.send(
          new SignUpCommand({
            ClientId,
            Username: username,
            Password: "Passw0rd!",
            UserAttributes: [{ Name: "email", Value: emailOf(username) }],
          }),
        );
        acknowledged.add(username);
      } catch {
        // The server died under this call: either outcome is allowed, but not half of one.
      }
    }
  };
  const workers = Array.from({ length: 8 }, worker);
  await waitFor(() => acknowledged.size >= 100, { timeoutMs: 60_000, intervalMs: 5 });
  killed = true;
  victim.proc.kill("SIGKILL");
  await Promise.all(workers);

  const db = openSqlite(join(dataDir, "hushpool.sqlite"), { readonly: true });
  try {
    const users = db
      .prepare("SELECT sub, username FROM users WHERE pool_id = ? AND status = 'UNCONFIRMED'")
      .all(signUpPool) as { sub: string; username: string }[];
    const names = new Set(users.map((u) => u.username));
    for (const u of acknowledged) assert.ok(names.has(u), `acknowledged sign-up ${u} survived`);
    const code = db.prepare("SELECT 1 FROM codes WHERE pool_id = ? AND subject = ? AND purpose = 'SIGN_UP'");
    const message = db.prepare("SELECT 1 FROM outbox WHERE pool_id = ? AND sub = ? AND purpose = 'SIGN_UP'");
    const orphans = users.filter((u) => !code.get(signUpPool, u.sub) || !message.get(signUpPool, u.sub));
    assert.deepEqual(orphans, [], `${users.length} UNCONFIRMED users, each with its code and its message`);
  } finally {
    db.close();
  }
});
