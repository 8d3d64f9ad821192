/**
 * Before/after server CPU per sign-in on a shared machine: two server processes (A and B: different
 * builds, or the same build run two ways) on one seeded SQLite directory, and batches of sign-ins,
 * one at a time, alternating between them, each server's CPU summed from /proc (server and workers).
 * Alternating makes both see the same background load, as bench/workers-cpu.ts does for workers.
 *
 *   npx tsx bench/ab-cpu.ts --a-entry src/main.ts                        # tsx (A) against dist (B)
 *   npx tsx bench/ab-cpu.ts --a-root /tmp/hushpool-base --flow srp       # an older tree (A) against this one (B)
 *
 * A root is a repository checkout (or `git archive` of one, with node_modules linked); its
 * dist/main.js is built first. Options: --flow password|srp, --unknown (names that do not exist),
 * --users 2000, --rounds 8, --batch 100.
 *
 * --workers N starts both servers with N workers and --concurrency N runs N sign-ins at once, so
 * that the workers' commits meet on the one SQLite file (defaults 1 and 1).
 *
 * --syscalls then traces one more batch on each server with `strace -f -c` (server and workers) and
 * prints the ten most frequent syscalls per sign-in; SQLite's are fcntl (locks), pwrite64 (two per
 * WAL frame) and pread64 (docs/performance.md#fewer-commits-per-sign-in).
 *
 * --separate-data gives each server a data directory of its own, seeded by its own tree (A's in a
 * child process run from --a-root, which must then hold bench/ and test/ too): for a change of the
 * schema, which one shared directory would apply to both servers (the newer one migrates it).
 */

import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { srpRespond, srpStart } from "../test/helpers/srp-client.ts";
import { namePicker } from "./auth/pick-names.ts";
import { descendants, treeCpuMs } from "./auth/proc-cpu.ts";
import { BENCH_PASSWORD, benchName, seedUsers } from "./auth/seed-users.ts";
import { type Floor, floorFor, floorMeter, printFloor, ratioText } from "./lib/floor.ts";
import { createClient } from "./lib/http-client.ts";
import { runLoad } from "./lib/load.ts";
import { type ServerProcess, startServerProcess } from "./lib/server.ts";

const { values } = parseArgs({
  options: {
    "a-root": { type: "string" },
    "a-entry": { type: "string" },
    "b-root": { type: "string" },
    "b-entry": { type: "string" },
    flow: { type: "string", default: "password" },
    unknown: { type: "boolean", default: false },
    users: { type: "string", default: "2000" },
    rounds: { type: "string", default: "8" },
    batch: { type: "string", default: "100" },
    "separate-data": { type: "boolean", default: false },
    syscalls: { type: "boolean", default: false },
    workers: { type: "string", default: "1" },
    concurrency: { type: "string", default: "1" },
  },
});
const users = Number(values.users);
const rounds = Number(values.rounds);
const batch = Number(values.batch);
const flow = values.flow === "srp" ? "srp" : "password";
const dataDir = mkdtempSync(join(tmpdir(), "hushpool-bench-ab-"));
const seeded = await seedUsers(dataDir, users, () => {});
/** A second directory seeded by another tree's own code (same users and password), in a child process. */
function seedIn(root: string): { dir: string; seeded: typeof seeded } {
  const dir = mkdtempSync(join(tmpdir(), "hushpool-bench-ab-"));
  const script = `import { seedUsers } from "./bench/auth/seed-users.ts";
    console.log(JSON.stringify(await seedUsers(${JSON.stringify(dir)}, ${users}, () => {})));`;
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
  });
  return { dir, seeded: JSON.parse(out.trim().split("\n").pop() ?? "{}") };
}
const aData =
  values["separate-data"] && values["a-root"] ? seedIn(values["a-root"]) : { dir: dataDir, seeded };
// The floor is measured again between rounds: on a shared VM the CPU's speed drifts over seconds, so
// each batch is set against the floor measured just before and after its round
// (docs/performance.md#ratios-against-a-floor-measured-beside-them).
const meter = floorMeter({
  sqlite: { file: join(dataDir, "hushpool.sqlite"), poolId: seeded.poolId, name: benchName, users },
});
const floor = meter.measure(0.5);
const describe = (root: string | undefined, entry: string | undefined): string =>
  `${root ?? "this tree"}, ${entry ?? process.env.HUSHPOOL_BENCH_ENTRY ?? "dist/main.js"}`;
const concurrency = Number(values.concurrency);
const spec = (root: string | undefined, entry: string | undefined, dir: string) => ({
  dataDir: dir,
  args: ["--workers", String(Number(values.workers))],
  ...(root ? { root } : {}),
  ...(entry ? { entry } : {}),
});
const a = await startServerProcess(spec(values["a-root"], values["a-entry"], aData.dir));
// A's server must not outlive a B that fails to build or start (the build failure throws at once).
let b: ServerProcess;
try {
  b = await startServerProcess(spec(values["b-root"], values["b-entry"], dataDir));
} catch (e) {
  await a.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (aData.dir !== dataDir) rmSync(aData.dir, { recursive: true, force: true });
  throw e;
}
const clientOf = (srv: ServerProcess): string => (srv === a ? aData.seeded.clientId : seeded.clientId);
const poolOf = (srv: ServerProcess): string => (srv === a ? aData.seeded.poolId : seeded.poolId);
const client = createClient({ maxSockets: concurrency });

const name = namePicker(4242, users, values.unknown);
const expectOk = (status: number, body: unknown): void => {
  if (status !== 200 && !values.unknown) throw new Error(JSON.stringify(body));
};
const task = (srv: ServerProcess) =>
  flow === "password"
    ? async (): Promise<void> => {
        const r = await client.call(srv.baseUrl, "InitiateAuth", {
          ClientId: clientOf(srv),
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: name(), PASSWORD: BENCH_PASSWORD },
        });
        expectOk(r.status, r.body);
      }
    : async (): Promise<void> => {
        const start = srpStart();
        const r1 = await client.call(srv.baseUrl, "InitiateAuth", {
          ClientId: clientOf(srv),
          AuthFlow: "USER_SRP_AUTH",
          AuthParameters: { USERNAME: name(), SRP_A: start.srpA },
        });
        const params = (r1.body as { ChallengeParameters: Record<string, string> }).ChallengeParameters;
        const r2 = await client.call(srv.baseUrl, "RespondToAuthChallenge", {
          ClientId: clientOf(srv),
          ChallengeName: "PASSWORD_VERIFIER",
          ChallengeResponses: srpRespond(poolOf(srv), start, params, BENCH_PASSWORD),
        });
        expectOk(r2.status, r2.body);
      };

/** Runs `work` under `strace -f -c` attached to the server and its workers; the calls counted, by name. */
async function traced(srv: ServerProcess, work: () => Promise<unknown>): Promise<Map<string, number>> {
  const out = join(dataDir, `strace-${srv.pid}.txt`);
  const pids = [srv.pid, ...descendants(srv.pid)].flatMap((p) => ["-p", String(p)]);
  const trace = spawn("strace", ["-f", "-c", "-o", out, ...pids], {
    stdio: "ignore",
  });
  await new Promise((r) => setTimeout(r, 1000)); // attached
  await work();
  trace.kill("SIGINT");
  await new Promise((r) => trace.once("exit", r));
  const counts = new Map<string, number>();
  for (const line of readFileSync(out, "utf8").split("\n")) {
    const f = line.trim().split(/\s+/);
    const name = f[f.length - 1] ?? "";
    if (/^\d/.test(f[0] ?? "") && f.length >= 5) counts.set(name, Number(f[3]));
  }
  return counts;
}

const floorOf = (f: Floor): number => floorFor(f, flow, values.unknown);
const label = `${flow === "password" ? "USER_PASSWORD_AUTH" : "USER_SRP_AUTH (both steps)"}${values.unknown ? ", unknown names" : ""}`;
const load0 = loadavg();
try {
  printFloor(floor);
  for (const s of [a, b]) await runLoad({ concurrency: 1, total: 100, task: task(s) });
  const cpu = { a: [] as number[], b: [] as number[] };
  const floors = [floorOf(meter.measure(0.25))];
  for (let round = 0; round < rounds; round++) {
    for (const [k, s] of (round % 2 === 0
      ? [
          ["a", a],
          ["b", b],
        ]
      : [
          ["b", b],
          ["a", a],
        ]) as ["a" | "b", ServerProcess][]) {
      const before = treeCpuMs(s.pid);
      await runLoad({ concurrency, total: batch, task: task(s) });
      cpu[k].push((treeCpuMs(s.pid) - before) / batch);
    }
    floors.push(floorOf(meter.measure(0.25)));
  }
  meter.close();
  /** Each round's batch against the mean of the floors measured before and after that round. */
  const floorBeside = (i: number): number => ((floors[i] ?? 0) + (floors[i + 1] ?? 0)) / 2;
  const medianRatio = (v: number[]): string => {
    const r = v.map((ms, i) => ms / floorBeside(i)).sort((p, q) => p - q);
    return `median of the rounds ${(r[Math.floor(r.length / 2)] ?? 0).toFixed(2)}× the floor beside each`;
  };
  const floorMs = floors.reduce((p, q) => p + q, 0) / floors.length;
  const load1 = loadavg();
  const mean = (v: number[]): number => v.reduce((p, q) => p + q, 0) / v.length;
  const range = (v: number[]): string => `${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)}`;
  console.log(
    `${label}, ${rounds} alternating batches of ${batch} per server, ${users} users, ${values.workers} worker(s), ${concurrency} at once${values["separate-data"] ? " (a data directory each)" : ""}, Node ${process.version}, ` +
      `load average ${load0[0]?.toFixed(2)} → ${load1[0]?.toFixed(2)}`,
  );
  console.log(
    `  A (${describe(values["a-root"], values["a-entry"])}): ${ratioText(mean(cpu.a), floorMs)}, ${medianRatio(cpu.a)}; batches ${range(cpu.a)} ms`,
  );
  console.log(
    `  B (${describe(values["b-root"], values["b-entry"])}): ${ratioText(mean(cpu.b), floorMs)}, ${medianRatio(cpu.b)}; batches ${range(cpu.b)} ms`,
  );
  // Each round ran A and B back to back: their difference is what the load moves least.
  const diffs = cpu.b.map((v, i) => v - (cpu.a[i] ?? 0)).sort((p, q) => p - q);
  const median = diffs[Math.floor(diffs.length / 2)] ?? 0;
  const lower = diffs.filter((d) => d < 0).length;
  console.log(
    `  B − A: ${(mean(cpu.b) - mean(cpu.a)).toFixed(3)} ms per sign-in (median of the rounds' differences ${median.toFixed(3)} ms; B lower in ${lower} of ${diffs.length} rounds)`,
  );
  if (values.syscalls) {
    for (const [k, s] of [
      ["A", a],
      ["B", b],
    ] as const) {
      const calls = await traced(s, () => runLoad({ concurrency, total: batch, task: task(s) }));
      const per = (n: string): string => ((calls.get(n) ?? 0) / batch).toFixed(1);
      const top = [...calls.entries()]
        .filter(([n]) => n !== "total")
        .sort((p, q) => q[1] - p[1])
        .slice(0, 10)
        .map(([n]) => `${n} ${per(n)}`)
        .join(", ");
      console.log(`  ${k} syscalls per sign-in (strace -f -c, ${batch} sign-ins): ${top}`);
    }
  }
} finally {
  client.close();
  await a.stop();
  await b.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (aData.dir !== dataDir) rmSync(aData.dir, { recursive: true, force: true });
}
