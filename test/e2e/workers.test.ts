/**
 * `--workers 2` (docs/scaling.md#workers): two worker processes serve one port through node:cluster,
 * on SQLite (one file, WAL) and on PostgreSQL. Every request here opens its own connection, and the
 * primary hands connections to the workers in turn, so consecutive requests land on different
 * workers: a race is settled by the database, not by a process, and a change made through one worker
 * is seen by the next request on the other (nothing is cached that could go stale).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { freshSchema, POSTGRES_URL, postgresUnavailable, type TestSchema } from "../helpers/postgres.ts";

const unavailable = await postgresUnavailable();
if (unavailable) console.log(unavailable);

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PASSWORD = "Passw0rd!";
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface Server {
  url: string;
  pid: number;
  /** stderr so far. */
  errors(): string;
}

/** `node src/main.ts --workers 2 …`, resolved on its start line. */
async function startWorkers(args: string[]): Promise<Server> {
  const data = mkdtempSync(join(tmpdir(), "hushpool-workers-"));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "src/main.ts",
      "--port",
      "0",
      "--data",
      data,
      "--quota",
      "off",
      ...args,
      "--workers",
      "2",
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, HUSHPOOL_LOG_LEVEL: "warn" } },
  );
  let out = "";
  child.stderr?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = "";
    child.stdout?.on("data", (c: Buffer) => {
      buf += c.toString();
      const m = /hushpool listening on (http:\/\/\S+) .*workers: 2\)/.exec(buf);
      if (m?.[1]) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`exited ${code} before listening:\n${buf}\n${out}`)));
  });
  cleanups.push(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    assert.equal(child.exitCode, 0, `primary exit code (stderr: ${out})`);
    rmSync(data, { recursive: true, force: true });
  });
  return { url, pid: child.pid ?? 0, errors: () => out };
}

/**
 * The primary's children that run the server (the workers), from /proc. Not every child: tsx may
 * start its esbuild service as a child of the primary (seen in a fresh copy of the checkout, as CI
 * makes for Node 22 and 24), and that one is no worker.
 */
function workerPids(primary: number): number[] {
  return readdirSync("/proc")
    .filter((n) => /^\d+$/.test(n))
    .filter((n) => {
      try {
        const stat = readFileSync(`/proc/${n}/stat`, "utf8");
        const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(ppid) !== primary || state === "Z") return false;
        return readFileSync(`/proc/${n}/cmdline`, "utf8")
          .split("\0")
          .some((a) => a.endsWith("main.ts"));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** One AWS JSON 1.1 call on a connection of its own (no keep-alive), so calls spread over the workers. */
function call(
  url: string,
  op: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/`,
      {
        method: "POST",
        agent: false,
        headers: {
          "Content-Type": "application/x-amz-json-1.1",
          "X-Amz-Target": `AWSCognitoIdentityProviderService.${op}`,
          "Content-Length": Buffer.byteLength(data),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || "{}") }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

async function ok(url: string, op: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await call(url, op, body);
  assert.equal(r.status, 200, `${op}: ${JSON.stringify(r.json)}`);
  return r.json;
}

const FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];

async function poolAndClient(url: string): Promise<{ poolId: string; clientId: string }> {
  const pool = (await ok(url, "CreateUserPool", { PoolName: "workers" })) as { UserPool: { Id: string } };
  const client = (await ok(url, "CreateUserPoolClient", {
    UserPoolId: pool.UserPool.Id,
    ClientName: "web",
    ExplicitAuthFlows: FLOWS,
  })) as { UserPoolClient: { ClientId: string } };
  return { poolId: pool.UserPool.Id, clientId: client.UserPoolClient.ClientId };
}

async function racesAreSettledByTheStore(s: Server): Promise<void> {
  const { url } = s;
  assert.equal(workerPids(s.pid).length, 2, `two workers (stderr: ${s.errors()})`);
  const { clientId } = await poolAndClient(url);
  // One name, 40 sign-ups at once over both workers: exactly one wins.
  const same = await Promise.all(
    Array.from({ length: 40 }, () =>
      call(url, "SignUp", { ClientId: clientId, Username: "race", Password: PASSWORD }),
    ),
  );
  assert.equal(same.filter((r) => r.status === 200).length, 1);
  for (const r of same.filter((x) => x.status !== 200))
    assert.equal(r.json.__type, "UsernameExistsException");
  // 60 different names at once: every write succeeds, none meets a busy database.
  const distinct = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      call(url, "SignUp", { ClientId: clientId, Username: `user${i}`, Password: PASSWORD }),
    ),
  );
  assert.deepEqual(
    distinct.filter((r) => r.status !== 200).map((r) => r.json),
    [],
  );
}

async function changesAreSeenByTheOtherWorker(url: string): Promise<void> {
  const { poolId, clientId } = await poolAndClient(url);
  await ok(url, "AdminCreateUser", { UserPoolId: poolId, Username: "alice", MessageAction: "SUPPRESS" });
  await ok(url, "AdminSetUserPassword", {
    UserPoolId: poolId,
    Username: "alice",
    Password: PASSWORD,
    Permanent: true,
  });
  const signIn = () =>
    call(url, "InitiateAuth", {
      ClientId: clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "alice", PASSWORD },
    });
  // Alternate the client's flows; connections alternate between the workers, so in every other round
  // the update went through one worker and the sign-in through the other.
  for (let round = 0; round < 6; round++) {
    const allowed = round % 2 === 0;
    await ok(url, "UpdateUserPoolClient", {
      UserPoolId: poolId,
      ClientId: clientId,
      ExplicitAuthFlows: allowed ? FLOWS : FLOWS.slice(1),
    });
    const r = await signIn();
    if (allowed) {
      assert.equal(r.status, 200, JSON.stringify(r.json));
      const token = (r.json.AuthenticationResult as { AccessToken: string }).AccessToken;
      // A token signed by one worker verifies on both (one key ring in the store).
      for (let i = 0; i < 2; i++) await ok(url, "GetUser", { AccessToken: token });
    } else {
      assert.equal(r.status, 400);
      assert.equal(r.json.__type, "InvalidParameterException");
    }
  }
  // A pool setting, the same way: a user pool's deletion protection refuses DeleteUserPool at once.
  for (const on of [true, false]) {
    await ok(url, "UpdateUserPool", { UserPoolId: poolId, DeletionProtection: on ? "ACTIVE" : "INACTIVE" });
    const d = (await ok(url, "DescribeUserPool", { UserPoolId: poolId })) as {
      UserPool: { DeletionProtection?: string };
    };
    assert.equal(d.UserPool.DeletionProtection, on ? "ACTIVE" : "INACTIVE");
  }
}

test("SQLite, two workers: races settled by the store, no busy errors", { timeout: 120_000 }, async () => {
  const s = await startWorkers([]);
  await racesAreSettledByTheStore(s);
});

test("SQLite, two workers: a client update through one is seen by the other at once", {
  timeout: 120_000,
}, async () => {
  const s = await startWorkers([]);
  await changesAreSeenByTheOtherWorker(s.url);
});

async function onPostgres(): Promise<Server> {
  const schema: TestSchema = await freshSchema(POSTGRES_URL);
  cleanups.push(() => schema.drop());
  return startWorkers(["--database-url", schema.url, "--master-key", randomBytes(32).toString("base64")]);
}

test("PostgreSQL, two workers: races settled by the store", {
  skip: unavailable,
  timeout: 120_000,
}, async () => {
  const s = await onPostgres();
  await racesAreSettledByTheStore(s);
});

test("PostgreSQL, two workers: a client update through one is seen by the other at once", {
  skip: unavailable,
  timeout: 120_000,
}, async () => {
  const s = await onPostgres();
  await changesAreSeenByTheOtherWorker(s.url);
});
