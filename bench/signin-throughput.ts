/**
 * Sign-in throughput at scale (docs/authentication.md): USER_PASSWORD_AUTH and full USER_SRP_AUTH round trips
 * (InitiateAuth + RespondToAuthChallenge, client maths from test/helpers/srp-client.ts on native
 * modexp) with 1 and 16 concurrent clients, ops/s and p50/p99, against N users (default 100,000),
 * plus the server's CPU time per sign-in (from /proc/<pid>/stat of the server and its workers, around
 * a concurrency-1 run) and its ratio to the cryptographic floor measured on this machine
 * (bench/lib/floor.ts). Users are seeded directly through the store ports before the server starts
 * (bench/auth/seed-users.ts).
 *
 *   npx tsx bench/signin-throughput.ts [--users 100000] [--seconds 10] [--cpu-samples 500] [--workers 1]
 *                                      [--clients 1,16] [--flows both|password|srp] [--unknown] [--root /tmp/older-tree]
 *                                      [--rounds 6]
 *   HUSHPOOL_BENCH_USERS=2000 npx tsx bench/signin-throughput.ts --seconds 3     # a quick run
 *
 * The CPU per sign-in (one at a time, `--cpu-samples` in all) is taken in `--rounds` batches, each
 * between two fresh measurements of the floor in this process, and each batch's ratio is to the mean
 * of the two: on a shared VM the CPU's speed drifts over seconds, by up to a third between one
 * minute and the next, so a floor measured once at the start can flatter or wrong the server
 * (docs/performance.md#ratios-against-a-floor-measured-beside-them). The median ratio and the range
 * over the rounds are printed.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { srpRespond, srpStart } from "../test/helpers/srp-client.ts";
import { namePicker } from "./auth/pick-names.ts";
import { treeCpuMs } from "./auth/proc-cpu.ts";
import { schedSum, servingPids } from "./auth/proc-sched.ts";
import { machineTimes } from "./auth/proc-stat.ts";
import { BENCH_PASSWORD, benchName, seedUsers } from "./auth/seed-users.ts";
import { type Floor, floorMeter, printFloor, ratioText } from "./lib/floor.ts";
import { type CallResult, createClient } from "./lib/http-client.ts";
import { printLoad, runLoad } from "./lib/load.ts";
import { startServerProcess } from "./lib/server.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: process.env.HUSHPOOL_BENCH_USERS ?? "100000" },
    seconds: { type: "string", default: "10" },
    "cpu-samples": { type: "string", default: "500" },
    workers: { type: "string", default: "1" },
    clients: { type: "string", default: "1,16" },
    /** both | password | srp */
    flows: { type: "string", default: "both" },
    /** Also measure CPU per refused attempt of names that do not exist (the other existence path). */
    unknown: { type: "boolean", default: false },
    /** Run the server from another tree (a `git archive` with node_modules linked), as bench/ab-cpu.ts --a-root. */
    root: { type: "string" },
    /** Batches of the CPU-per-sign-in measurement, each between two measurements of the floor. */
    rounds: { type: "string", default: "6" },
  },
});
const rounds = Math.max(1, Number(values.rounds));
const users = Number(values.users);
const durationMs = Number(values.seconds) * 1000;
const cpuSamples = Number(values["cpu-samples"]);
const client = createClient({ maxSockets: 16 });
const dataDir = mkdtempSync(join(tmpdir(), "hushpool-bench-signin-"));

function tokens(r: CallResult, what: string): void {
  const body = r.body as { AuthenticationResult?: { AccessToken?: string } };
  if (r.status !== 200 || !body.AuthenticationResult?.AccessToken) {
    throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  }
}

const nextUser = namePicker(12345, users);

const seeded = await seedUsers(dataDir, users);
const meter = floorMeter({
  sqlite: { file: join(dataDir, "hushpool.sqlite"), poolId: seeded.poolId, name: benchName, users },
});
const floor = meter.measure(0.5);
printFloor(floor);

/**
 * Server CPU per call of `run`, one at a time, over `total` calls in `rounds` batches, each batch
 * against the mean of the floor measured just before and just after it (`pick` chooses the floor).
 */
async function cpuAgainstFloor(
  serverPid: number,
  total: number,
  run: () => Promise<void>,
  pick: (f: Floor) => number,
): Promise<{ perCall: number; floorMs: number; ratios: number[] }> {
  const per = Math.max(1, Math.round(total / rounds));
  let cpu = 0;
  let floors = 0;
  const ratios: number[] = [];
  let before = pick(meter.measure(0.2));
  for (let r = 0; r < rounds; r++) {
    const start = treeCpuMs(serverPid);
    await runLoad({ concurrency: 1, total: per, task: run });
    const used = (treeCpuMs(serverPid) - start) / per;
    const after = pick(meter.measure(0.2));
    const beside = (before + after) / 2;
    ratios.push(used / beside);
    cpu += used;
    floors += beside;
    before = after;
  }
  ratios.sort((a, b) => a - b);
  return { perCall: cpu / rounds, floorMs: floors / rounds, ratios };
}

const roundsText = (ratios: number[]): string => {
  const median = ratios[Math.floor(ratios.length / 2)] ?? 0;
  return `median of ${ratios.length} rounds ${median.toFixed(2)}× (${(ratios[0] ?? 0).toFixed(2)}–${(ratios.at(-1) ?? 0).toFixed(2)}×) against the floor beside each`;
};
const { poolId, clientId } = seeded;

const workerCounts = values.workers.split(",").map(Number);
const cores = availableParallelism();
let url = "";

/** USER_PASSWORD_AUTH for `name`: the answer. */
function passwordAttempt(name: string): Promise<CallResult> {
  return client.call(url, "InitiateAuth", {
    ClientId: clientId,
    AuthFlow: "USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: name, PASSWORD: BENCH_PASSWORD },
  });
}

/** Both USER_SRP_AUTH round trips for `name`: the PASSWORD_VERIFIER answer. */
async function srpAttempt(name: string): Promise<CallResult> {
  const start = srpStart();
  const r1 = await client.call(url, "InitiateAuth", {
    ClientId: clientId,
    AuthFlow: "USER_SRP_AUTH",
    AuthParameters: { USERNAME: name, SRP_A: start.srpA },
  });
  const params = (r1.body as { ChallengeParameters?: Record<string, string> }).ChallengeParameters;
  if (r1.status !== 200 || !params)
    throw new Error(`USER_SRP_AUTH: HTTP ${r1.status} ${JSON.stringify(r1.body)}`);
  return client.call(url, "RespondToAuthChallenge", {
    ClientId: clientId,
    ChallengeName: "PASSWORD_VERIFIER",
    ChallengeResponses: srpRespond(poolId, start, params, BENCH_PASSWORD),
  });
}

const passwordSignIn = async (): Promise<void> =>
  tokens(await passwordAttempt(nextUser()), "USER_PASSWORD_AUTH");
const srpSignIn = async (): Promise<void> => tokens(await srpAttempt(nextUser()), "PASSWORD_VERIFIER");

/** Names that no user has, each used once (so no lockout is reached): the masked path of ENABLED. */
let ghost = 0;
const nextGhost = (): string => `ghost${String(++ghost).padStart(7, "0")}`;

function refused(r: CallResult, what: string): void {
  const body = r.body as { __type?: string };
  if (r.status !== 400 || body.__type !== "NotAuthorizedException") {
    throw new Error(`${what} (unknown name): HTTP ${r.status} ${JSON.stringify(r.body)}`);
  }
}

const passwordUnknown = async (): Promise<void> =>
  refused(await passwordAttempt(nextGhost()), "USER_PASSWORD_AUTH");
const srpUnknown = async (): Promise<void> => refused(await srpAttempt(nextGhost()), "PASSWORD_VERIFIER");

/** One measured run's figures, kept for the ratio lines at the end. */
interface RunFigures {
  opsPerSec: number;
  accounted: number;
}
const runs = new Map<string, RunFigures>(); // key: `${workers}|${label}|${concurrency}`
const flows = (
  [
    ["USER_PASSWORD_AUTH", passwordSignIn],
    ["USER_SRP_AUTH (2 round trips)", srpSignIn],
  ] as const
).filter(([label]) => values.flows === "both" || label.toLowerCase().includes(values.flows));

async function benchServer(workers: number): Promise<void> {
  const server = await startServerProcess({
    dataDir,
    args: ["--workers", String(workers)],
    ...(values.root ? { root: values.root } : {}),
  });
  url = server.baseUrl;
  try {
    console.log(
      `hushpool sign-in bench: ${users} users, ${durationMs / 1000} s per run, SQLite, ${workers} worker(s), Node ${process.version}, load average ${loadavg()[0]?.toFixed(2)}`,
    );
    // Warm-up: each worker is a process of its own that compiles the code for itself, so 200 each.
    for (const [, run] of flows) await runLoad({ concurrency: 4, total: 200 * workers, task: run });
    for (const [label, run] of flows) {
      for (const concurrency of values.clients.split(",").map(Number)) {
        const before = treeCpuMs(server.pid);
        const ownBefore = process.cpuUsage();
        const machineBefore = machineTimes();
        const serving = servingPids(server.pid);
        const schedBefore = schedSum(serving);
        const r = await runLoad({ concurrency, durationMs, task: run });
        const sched = schedSum(serving);
        const cpu = treeCpuMs(server.pid) - before;
        const own = process.cpuUsage(ownBefore);
        const machine = machineTimes();
        printLoad(`${label}, concurrency ${concurrency}`, r);
        // Cores the server kept busy, and its CPU per sign-in under this load.
        console.log(
          `  server: ${(cpu / (r.seconds * 1000)).toFixed(2)} cores busy, ${(cpu / r.ops).toFixed(2)} ms CPU per sign-in`,
        );
        // The load generator's cores, and what the server would serve with them given back.
        const genCores = (own.user + own.system) / 1e6 / r.seconds;
        const idle = (machine.idle - machineBefore.idle) / (machine.total - machineBefore.total);
        // Were the load generator on another machine, the server would get back the CPU it took, but
        // only as much as the server could use: at most one core per worker, and none while the
        // machine had CPU to spare anyway. One worker on two cores is bound by its core, not by the
        // generator, so its figure stays as measured; two workers on a full machine gain the
        // generator's share. Same CPU per sign-in assumed (the server's own figure above).
        const serverCores = cpu / (r.seconds * 1000);
        const usable = Math.min(workers, cores) - serverCores;
        const givenBack = Math.max(0, Math.min(genCores, usable));
        const accounted = (r.opsPerSec * (serverCores + givenBack)) / Math.max(serverCores, 0.01);
        console.log(
          `  load generator: ${genCores.toFixed(2)} cores; machine idle ${(idle * 100).toFixed(1)} % of ${cores} cores; ` +
            `with the load generator's share accounted ${accounted.toFixed(0)} ops/s`,
        );
        // Each serving process's event-loop thread: on a CPU, waiting for one, or asleep. With requests
        // in hand (16 clients), asleep means blocked, e.g. in SQLite's busy sleep.
        const wallMs = r.seconds * 1000 * serving.length;
        const ranMs = sched.runMs - schedBefore.runMs;
        const waitedMs = sched.waitMs - schedBefore.waitMs;
        console.log(
          `  event loops (${serving.length}): ${((100 * ranMs) / wallMs).toFixed(1)} % running, ` +
            `${((100 * waitedMs) / wallMs).toFixed(1)} % waiting for a CPU, ${((100 * (wallMs - ranMs - waitedMs)) / wallMs).toFixed(1)} % asleep`,
        );
        runs.set(`${workers}|${label}|${concurrency}`, { opsPerSec: r.opsPerSec, accounted });
      }
    }
    for (const [label, run] of flows) {
      const srp = label.startsWith("USER_SRP");
      const m = await cpuAgainstFloor(server.pid, cpuSamples, run, (f) => (srp ? f.srpMs : f.passwordMs));
      console.log(
        `server CPU per sign-in, ${label}: ${ratioText(m.perCall, m.floorMs)} (${cpuSamples} sign-ins, concurrency 1); ${roundsText(m.ratios)}`,
      );
    }
    if (values.unknown) {
      const unknownFlows = [
        ["USER_PASSWORD_AUTH", passwordUnknown, (f: Floor) => f.passwordRefusedMs],
        ["USER_SRP_AUTH (2 round trips)", srpUnknown, (f: Floor) => f.srpRefusedMs],
      ] as const;
      for (const [label, run, pick] of unknownFlows) {
        if (!flows.some(([l]) => l === label)) continue;
        // The refusal path has code of its own (errors, their answer) for the JIT to warm up first.
        await runLoad({ concurrency: 1, total: 1000, task: run });
        const m = await cpuAgainstFloor(server.pid, cpuSamples, run, pick);
        console.log(
          `server CPU per refused attempt, ${label}, unknown names: ${ratioText(m.perCall, m.floorMs)} (${cpuSamples} attempts, concurrency 1); ${roundsText(m.ratios)}`,
        );
      }
    }
    console.log(`server peak RSS ${server.rssPeakKb()} kB`);
  } finally {
    await server.stop();
  }
}

try {
  for (const workers of workerCounts) await benchServer(workers);
  const [first, ...later] = workerCounts;
  for (const workers of later) {
    for (const [label] of flows) {
      for (const concurrency of values.clients.split(",").map(Number)) {
        const a = runs.get(`${first}|${label}|${concurrency}`);
        const b = runs.get(`${workers}|${label}|${concurrency}`);
        if (!a || !b) continue;
        console.log(
          `${workers} workers / ${first}, ${label}, concurrency ${concurrency}: ` +
            `${(b.opsPerSec / a.opsPerSec).toFixed(2)}× measured, ` +
            `${(b.accounted / a.accounted).toFixed(2)}× with the load generator's share accounted ` +
            `(load average ${loadavg()[0]?.toFixed(2)})`,
        );
      }
    }
  }
} finally {
  client.close();
  meter.close();
  rmSync(dataDir, { recursive: true, force: true });
}
