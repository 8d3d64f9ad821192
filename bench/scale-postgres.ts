/**
 * Scale-out: SignUp and USER_PASSWORD_AUTH sign-in throughput and p99 latency under 16 concurrent
 * clients at N users (default 100,000), on three configurations, each on fresh storage:
 *
 *   sqlite  one node, the embedded SQLite file (the default store)
 *   pg1     one node on PostgreSQL
 *   pg2     two nodes on one PostgreSQL schema, requests spread round-robin over both
 *   pg1w2   one node on PostgreSQL with two workers (`--workers 2`: one port, node:cluster)
 *   sqlitew2  one node on the SQLite file with two workers
 *
 * The users are created by the measured SignUp run itself (real sign-ups: a code row and an outbox
 * message each, delivered in the background), so the last slice of it is "SignUp at N users". For
 * sign-in, a spread sample of users is confirmed with AdminConfirmSignUp, then signed in repeatedly.
 * Beside ops/s and latency it reports CPU ms per operation in the node processes and in the
 * PostgreSQL backends serving them (from /proc): on a shared machine, throughput moves with the
 * neighbours' load, while CPU per operation stays put and gives the capacity per core.
 *
 *   npx tsx bench/scale-postgres.ts [--users 100000] [--configs sqlite,pg1,pg2] [--signins 6000]
 *   npx tsx bench/scale-postgres.ts --users 20000 --configs pg1,pg1w2,sqlite,sqlitew2   # workers on each store
 *   SCALE_USERS=20000 npx tsx bench/scale-postgres.ts          # a quick run
 *   SCALE_PG_OPTIONS="-c synchronous_commit=off" npx tsx bench/scale-postgres.ts --configs pg1,pg2
 *
 * PostgreSQL comes from DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); each
 * configuration gets its own schema hp_bench_…, dropped at the end.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { openSqlite } from "../src/storage/sql/sqlite-driver.ts";
import { treeCpuMs } from "./auth/proc-cpu.ts";
import { type CallResult, createClient } from "./lib/http-client.ts";
import { type LoadResult, printLoad, runLoad } from "./lib/load.ts";
import { type ServerProcess, startServerProcess } from "./lib/server.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: process.env.SCALE_USERS ?? "100000" },
    configs: { type: "string", default: process.env.SCALE_CONFIGS ?? "sqlite,pg1,pg2" },
    signins: { type: "string", default: process.env.SCALE_SIGNINS ?? "6000" },
    concurrency: { type: "string", default: "16" },
  },
});
const USERS = Number(values.users);
const CONCURRENCY = Number(values.concurrency);
const SIGNINS = Number(values.signins);
/** The measured slice "at N users": the last 10% of the sign-ups, at most 10,000. */
const LAST = Math.min(10_000, Math.max(1, Math.floor(USERS / 10)));
/** Users confirmed for the sign-in run, spread evenly over the whole table. */
const SIGNIN_USERS = Math.min(2000, USERS);
const PG_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PG_OPTIONS = process.env.SCALE_PG_OPTIONS ?? "";
const PASSWORD = "Bench-Passw0rd!";

const client = createClient({ maxSockets: CONCURRENCY });
const name = (i: number): string => `user${i}`;

function expectOk(op: string, r: CallResult): Record<string, unknown> {
  if (r.status !== 200) throw new Error(`${op} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
}

/** The bench's own connections are not counted: node connections carry this application_name. */
const APP_NAME = "hushpool-scale-bench";
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU of a live process, ms (0 once it has gone). */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU per process now; the PostgreSQL backends serving the nodes are found by application_name. */
async function cpuSnapshot(d: Deployment): Promise<{ nodes: number; db: Map<number, number> }> {
  // A node's workers are its child processes (node:cluster): count the whole tree.
  const nodes = d.nodes.reduce((sum, n) => sum + treeCpuMs(n.pid), 0);
  const db = new Map<number, number>();
  if (d.postgres) {
    const { rows } = await withPg((c) =>
      c.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [APP_NAME]),
    );
    for (const { pid } of rows) db.set(pid, cpuMs(pid));
  }
  return { nodes, db };
}

/** CPU ms per operation spent in the nodes and in their PostgreSQL backends during `run`. */
async function cpuPerOp(d: Deployment, run: () => Promise<LoadResult>): Promise<Cpu & { load: LoadResult }> {
  const before = await cpuSnapshot(d);
  const load = await run();
  const after = await cpuSnapshot(d);
  let db = 0;
  // A backend that ended during the run is missed; the pool keeps busy connections open, so few do.
  for (const [pid, ms] of after.db) db += ms - (before.db.get(pid) ?? 0);
  return { load, nodeMs: (after.nodes - before.nodes) / load.ops, dbMs: db / load.ops };
}

interface Cpu {
  /** Node CPU ms per operation, all nodes together. */
  nodeMs: number;
  /** PostgreSQL backend CPU ms per operation (0 on SQLite, whose work is inside the node). */
  dbMs: number;
}

interface Deployment {
  label: string;
  nodes: ServerProcess[];
  postgres: boolean;
  /** Outbox messages not yet delivered (the sign-ups' codes, sent in the background). */
  pendingMessages(): Promise<number>;
  close(): Promise<void>;
}

const PENDING_SQL = "SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL";

/**
 * Waits until the nodes have delivered every sign-up's message, so the sign-in figures do not carry
 * the background delivery's CPU (up to 5 minutes; returns the seconds waited).
 */
async function drained(d: Deployment): Promise<number> {
  const started = Date.now();
  while ((await d.pendingMessages()) > 0 && Date.now() - started < 300_000) {
    await new Promise((r) => setTimeout(r, 500));
  }
  return (Date.now() - started) / 1000;
}

async function withPg<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function deploy(config: string): Promise<Deployment> {
  const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), "hushpool-bench-scale-")));
  const removeDirs = (): void => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  };
  const workers = config.endsWith("w2") ? 2 : 1;
  const workerArgs = ["--workers", String(workers)];
  const workerLabel = workers > 1 ? `, ${workers} workers` : "";
  if (config.startsWith("sqlite")) {
    const node = await startServerProcess({ dataDir: dirs[0] ?? "", args: workerArgs });
    return {
      label: `SQLite, 1 node${workerLabel}`,
      nodes: [node],
      postgres: false,
      pendingMessages: async () => {
        const db = openSqlite(join(dirs[0] ?? "", "hushpool.sqlite"), {
          readonly: true,
          fileMustExist: true,
        });
        try {
          return Number((db.prepare(PENDING_SQL).get() as { n: number }).n);
        } finally {
          db.close();
        }
      },
      close: async () => {
        await node.stop();
        removeDirs();
      },
    };
  }
  const count = config === "pg2" ? 2 : 1;
  const schema = `hp_bench_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
  const url = new URL(PG_URL);
  url.searchParams.set("schema", schema);
  if (PG_OPTIONS) url.searchParams.set("options", PG_OPTIONS);
  url.searchParams.set("application_name", APP_NAME);
  // What an N-node deployment shares: the database, the master key and the public issuer URL.
  const args = [
    "--database-url",
    url.toString(),
    "--master-key",
    randomBytes(32).toString("base64"),
    "--issuer-base-url",
    "http://hushpool.bench",
    ...workerArgs,
  ];
  const dropSchema = () => withPg((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  const started = await Promise.allSettled(
    dirs.slice(0, count).map((dataDir) => startServerProcess({ dataDir, args })),
  );
  const nodes = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  if (nodes.length < count) {
    await Promise.all(nodes.map((n) => n.stop()));
    await dropSchema();
    removeDirs();
    throw started.find((s): s is PromiseRejectedResult => s.status === "rejected")?.reason;
  }
  return {
    label: `PostgreSQL, ${count} node${count > 1 ? "s" : ""}${workerLabel}${PG_OPTIONS ? ` (${PG_OPTIONS})` : ""}`,
    nodes,
    postgres: true,
    pendingMessages: () =>
      withPg(async (c) => {
        await c.query(`SET search_path TO "${schema}"`);
        return Number((await c.query<{ n: string }>(PENDING_SQL)).rows[0]?.n ?? 0);
      }),
    close: async () => {
      await Promise.all(nodes.map((n) => n.stop()));
      await dropSchema();
      removeDirs();
    },
  };
}

interface Figures {
  label: string;
  seed: LoadResult;
  signUp: LoadResult;
  signUpCpu: Cpu;
  signIn: LoadResult;
  signInCpu: Cpu;
  rssMb: number[];
}

async function measure(d: Deployment): Promise<Figures> {
  const urls = d.nodes.map((n) => n.baseUrl);
  /** Round-robin over the nodes, as a load balancer would. */
  const at = (i: number): string => urls[i % urls.length] ?? "";
  const first = urls[0] ?? "";
  const pool = expectOk(
    "CreateUserPool",
    await client.call(first, "CreateUserPool", { PoolName: "bench", AutoVerifiedAttributes: ["email"] }),
  );
  const poolId = (pool.UserPool as { Id: string }).Id;
  const created = expectOk(
    "CreateUserPoolClient",
    await client.call(first, "CreateUserPoolClient", {
      UserPoolId: poolId,
      ClientName: "bench",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  const clientId = (created.UserPoolClient as { ClientId: string }).ClientId;

  const signUp = (offset: number) => async (i: number) => {
    const n = offset + i;
    const body = {
      ClientId: clientId,
      Username: name(n),
      Password: PASSWORD,
      UserAttributes: [{ Name: "email", Value: `${name(n)}@example${n % 97}.com` }],
    };
    expectOk("SignUp", await client.call(at(n), "SignUp", body));
  };
  const seed = await runLoad({ concurrency: CONCURRENCY, total: USERS - LAST, task: signUp(0) });
  printLoad(`  SignUp 0 → ${USERS - LAST} users`, seed);
  const { load: last, ...signUpCpu } = await cpuPerOp(d, () =>
    runLoad({ concurrency: CONCURRENCY, total: LAST, task: signUp(USERS - LAST) }),
  );
  printLoad(`  SignUp ${USERS - LAST} → ${USERS} users`, last);
  printCpu(signUpCpu);

  const stride = Math.max(1, Math.floor(USERS / SIGNIN_USERS));
  const sample = (k: number): number => (k % SIGNIN_USERS) * stride;
  await runLoad({
    concurrency: CONCURRENCY,
    total: SIGNIN_USERS,
    task: async (k) => {
      const body = { UserPoolId: poolId, Username: name(sample(k)) };
      expectOk("AdminConfirmSignUp", await client.call(at(k), "AdminConfirmSignUp", body));
    },
  });
  const waited = await drained(d);
  console.log(`  (waited ${waited.toFixed(1)} s for the sign-ups' messages to be delivered)`);
  // A fixed permutation of the sample, so consecutive sign-ins hit unrelated users.
  const { load: signIn, ...signInCpu } = await cpuPerOp(d, () =>
    runLoad({
      concurrency: CONCURRENCY,
      total: SIGNINS,
      task: async (i) => {
        const body = {
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: clientId,
          AuthParameters: { USERNAME: name(sample((i * 7919) % SIGNIN_USERS)), PASSWORD },
        };
        const r = expectOk("InitiateAuth", await client.call(at(i), "InitiateAuth", body));
        if (!(r.AuthenticationResult as { AccessToken?: string } | undefined)?.AccessToken) {
          throw new Error(`InitiateAuth returned no tokens: ${JSON.stringify(r)}`);
        }
      },
    }),
  );
  printLoad(`  InitiateAuth USER_PASSWORD_AUTH at ${USERS} users`, signIn);
  printCpu(signInCpu);
  const rssMb = d.nodes.map((n) => Math.round(n.rssPeakKb() / 1024));
  return { label: d.label, seed, signUp: last, signUpCpu, signIn, signInCpu, rssMb };
}

function printCpu(c: Cpu): void {
  console.log(
    `    CPU per operation: nodes ${c.nodeMs.toFixed(2)} ms, PostgreSQL backends ${c.dbMs.toFixed(2)} ms`,
  );
}

const configs = values.configs.split(",").map((c) => c.trim());
for (const c of configs) {
  if (!["sqlite", "sqlitew2", "pg1", "pg1w2", "pg2"].includes(c))
    throw new Error(`unknown configuration ${c}`);
}
console.log(
  `hushpool scale-out bench: ${USERS} users (SignUp), last ${LAST} measured; ${SIGNINS} sign-ins over ` +
    `${SIGNIN_USERS} confirmed users; concurrency ${CONCURRENCY}; configurations ${configs.join(", ")}`,
);
const results: Figures[] = [];
for (const config of configs) {
  const d = await deploy(config);
  console.log(`${d.label}:`);
  try {
    results.push(await measure(d));
  } finally {
    await d.close();
  }
}
client.close();

const ms = (us: number): string => (us / 1000).toFixed(1);
const row = (r: LoadResult): string =>
  `${r.opsPerSec.toFixed(0)}/s | ${ms(r.latency.p50)} / ${ms(r.latency.p99)} ms`;
console.log("\nMarkdown rows:");
console.log(
  "| configuration | SignUp 0→N avg | SignUp at N | p50 / p99 | CPU ms node + db | sign-ins at N | p50 / p99 | CPU ms node + db | peak RSS per node |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
const cpu = (c: Cpu): string => `${c.nodeMs.toFixed(2)} + ${c.dbMs.toFixed(2)}`;
for (const r of results) {
  console.log(
    `| ${r.label} | ${r.seed.opsPerSec.toFixed(0)}/s | ${row(r.signUp)} | ${cpu(r.signUpCpu)} | ${row(r.signIn)} | ${cpu(r.signInCpu)} | ${r.rssMb.map((m) => `${m} MB`).join(", ")} |`,
  );
}
