/**
 * Side by side (docs/performance.md#side-by-side): the same workload, over the same keep-alive HTTP
 * client, against hushpool (started here, `--workers`, default 0 = one per core) and against any other
 * Cognito-compatible endpoint given by URL, then the ratios. Everything goes through the public API,
 * so any server that implements these operations can be compared: CreateUserPool,
 * CreateUserPoolClient, AdminCreateUser + AdminSetUserPassword (Permanent) for `--users` users, then
 * USER_PASSWORD_AUTH sign-ins at each `--clients` concurrency for `--seconds`, AdminGetUser of random
 * users and ListUsers with `email = "…"`, one at a time.
 *
 *   npx tsx bench/compare.ts [--users 1000] [--seconds 5] [--clients 1,16] [--workers 0]
 *                            [--peer moto=http://127.0.0.1:5000]… [--moto]
 *
 * `--moto` starts `moto_server` on a free port when it is installed (and reports its CPU too). A peer
 * given by URL runs elsewhere, so only its throughput is compared. hushpool runs with `--quota off`,
 * as the peers have no request-rate quotas.
 */

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { spread } from "./auth/pick-names.ts";
import { treeCpuMs } from "./auth/proc-cpu.ts";
import { type FloorMeter, floorMeter, ratioText } from "./lib/floor.ts";
import { type CallResult, createClient } from "./lib/http-client.ts";
import { type LoadResult, runLoad } from "./lib/load.ts";
import { startServerProcess } from "./lib/server.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "1000" },
    seconds: { type: "string", default: "5" },
    clients: { type: "string", default: "1,16" },
    workers: { type: "string", default: "0" },
    peer: { type: "string", multiple: true, default: [] },
    moto: { type: "boolean", default: false },
    samples: { type: "string", default: "500" },
  },
});
const users = Number(values.users);
const durationMs = Number(values.seconds) * 1000;
const clients = values.clients.split(",").map(Number);
const samples = Number(values.samples);
const PASSWORD = "Compare-Passw0rd!";
const http = createClient({ maxSockets: 64 });

interface Target {
  name: string;
  url: string;
  /** Set when this bench started the server: its CPU is read from /proc. */
  pid?: number;
  stop?: () => Promise<void>;
}

function ok(r: CallResult, what: string): Record<string, unknown> {
  if (r.status !== 200) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
}

const nameOf = (i: number): string => `cmp${String(i).padStart(6, "0")}`;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function startMoto(): Promise<Target | null> {
  if (spawnSync("sh", ["-c", "command -v moto_server"]).status !== 0) {
    console.log("moto_server not installed: skipping moto");
    return null;
  }
  const port = await freePort();
  const child: ChildProcess = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], {
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/moto-api/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    name: "moto",
    url,
    pid: child.pid,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

interface Figures {
  signIn: Map<number, LoadResult>;
  cpuPerSignIn?: number;
  /** The password floor, mean of the measurements just before and just after the CPU was taken. */
  floorMs?: number;
  getUser: LoadResult;
  list: LoadResult;
}

async function workload(t: Target, meter: FloorMeter): Promise<Figures> {
  const pool = ok(await http.call(t.url, "CreateUserPool", { PoolName: "compare" }), "CreateUserPool") as {
    UserPool: { Id: string };
  };
  const poolId = pool.UserPool.Id;
  const client = ok(
    await http.call(t.url, "CreateUserPoolClient", {
      UserPoolId: poolId,
      ClientName: "compare",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
    "CreateUserPoolClient",
  ) as { UserPoolClient: { ClientId: string } };
  const clientId = client.UserPoolClient.ClientId;
  const started = Date.now();
  await runLoad({
    concurrency: 8,
    total: users,
    task: async (i) => {
      ok(
        await http.call(t.url, "AdminCreateUser", {
          UserPoolId: poolId,
          Username: nameOf(i),
          MessageAction: "SUPPRESS",
          UserAttributes: [{ Name: "email", Value: `${nameOf(i)}@example.com` }],
        }),
        "AdminCreateUser",
      );
      ok(
        await http.call(t.url, "AdminSetUserPassword", {
          UserPoolId: poolId,
          Username: nameOf(i),
          Password: PASSWORD,
          Permanent: true,
        }),
        "AdminSetUserPassword",
      );
    },
  });
  console.log(
    `${t.name}: ${users} users created through the API in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const next = spread(17);
  const rand = () => next(users);
  const signIn = async () => {
    const r = ok(
      await http.call(t.url, "InitiateAuth", {
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: nameOf(rand()), PASSWORD },
      }),
      "InitiateAuth",
    ) as { AuthenticationResult?: { AccessToken?: string } };
    if (!r.AuthenticationResult?.AccessToken) throw new Error("InitiateAuth: no tokens");
  };
  await runLoad({ concurrency: 4, total: 100, task: signIn });
  const out: Figures = { signIn: new Map(), getUser: undefined as never, list: undefined as never };
  for (const c of clients) {
    // The CPU per sign-in is taken at the first client count, against the floor measured right
    // before and right after it: on a shared VM the CPU's speed drifts over seconds
    // (docs/performance.md#ratios-against-a-floor-measured-beside-them).
    const timed = t.pid !== undefined && c === clients[0];
    const floorBefore = timed ? meter.measure(0.25).passwordMs : 0;
    const before = t.pid ? treeCpuMs(t.pid) : 0;
    const r = await runLoad({ concurrency: c, durationMs, task: signIn });
    if (timed && t.pid) {
      out.cpuPerSignIn = (treeCpuMs(t.pid) - before) / r.ops;
      out.floorMs = (floorBefore + meter.measure(0.25).passwordMs) / 2;
    }
    out.signIn.set(c, r);
  }
  out.getUser = await runLoad({
    concurrency: 1,
    total: samples,
    task: async () =>
      void ok(
        await http.call(t.url, "AdminGetUser", { UserPoolId: poolId, Username: nameOf(rand()) }),
        "AdminGetUser",
      ),
  });
  out.list = await runLoad({
    concurrency: 1,
    total: samples,
    task: async () =>
      void ok(
        await http.call(t.url, "ListUsers", {
          UserPoolId: poolId,
          Filter: `email = "${nameOf(rand())}@example.com"`,
        }),
        "ListUsers",
      ),
  });
  return out;
}

const targets: Target[] = [];
const dataDir = mkdtempSync(join(tmpdir(), "hushpool-bench-compare-"));
try {
  const workers = Number(values.workers) === 0 ? availableParallelism() : Number(values.workers);
  const hp = await startServerProcess({ dataDir, args: ["--workers", String(workers)] });
  targets.push({
    name: `hushpool (${workers} worker${workers === 1 ? "" : "s"})`,
    url: hp.baseUrl,
    pid: hp.pid,
    stop: hp.stop,
  });
  if (values.moto) {
    const moto = await startMoto();
    if (moto) targets.push(moto);
  }
  for (const p of values.peer) {
    const eq = p.indexOf("=");
    targets.push(eq > 0 ? { name: p.slice(0, eq), url: p.slice(eq + 1) } : { name: p, url: p });
  }
  const meter = floorMeter({ rows: Math.max(users, 1000) });
  const floor = meter.measure(0.25);
  console.log(
    `compare: ${users} users, ${durationMs / 1000} s per sign-in run, clients ${clients.join(",")}; Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(2)}; floor of a password sign-in ${floor.passwordMs.toFixed(2)} ms`,
  );
  const results = new Map<string, Figures>();
  for (const t of targets) results.set(t.name, await workload(t, meter));
  meter.close();
  const first = targets[0];
  const base = first ? results.get(first.name) : undefined;
  const header = [
    "endpoint",
    ...clients.map((c) => `sign-ins/s at ${c}`),
    "AdminGetUser/s",
    "ListUsers email=/s",
    "server CPU per sign-in",
  ];
  console.log(`\n| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`);
  for (const t of targets) {
    const f = results.get(t.name);
    if (!f || !base) continue;
    const rate = (r: LoadResult | undefined, b: LoadResult | undefined) =>
      r
        ? `${r.opsPerSec.toFixed(0)}${t === first || !b ? "" : ` (hushpool ${(b.opsPerSec / r.opsPerSec).toFixed(2)}×)`}`
        : "";
    const cells = [
      t.name,
      ...clients.map((c) => rate(f.signIn.get(c), base.signIn.get(c))),
      rate(f.getUser, base.getUser),
      rate(f.list, base.list),
      f.cpuPerSignIn === undefined || f.floorMs === undefined ? "—" : ratioText(f.cpuPerSignIn, f.floorMs),
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
} finally {
  http.close();
  for (const t of targets) await t.stop?.();
  rmSync(dataDir, { recursive: true, force: true });
}
