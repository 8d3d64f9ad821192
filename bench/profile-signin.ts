/**
 * Where a sign-in's server CPU goes: seeds N users, starts one server process with `node --cpu-prof`,
 * runs password and SRP sign-ins at concurrency 1, stops it, and prints the heaviest functions by
 * self time (and by file) from the V8 profile. For finding what is not cryptography.
 *
 *   npx tsx bench/profile-signin.ts [--users 2000] [--signins 1000] [--flow password|srp|both] [--out DIR]
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { srpRespond, srpStart } from "../test/helpers/srp-client.ts";
import { namePicker } from "./auth/pick-names.ts";
import { treeCpuMs } from "./auth/proc-cpu.ts";
import { BENCH_PASSWORD, seedUsers } from "./auth/seed-users.ts";
import { createClient } from "./lib/http-client.ts";
import { runLoad } from "./lib/load.ts";
import { startServerProcess } from "./lib/server.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "2000" },
    signins: { type: "string", default: "1000" },
    flow: { type: "string", default: "both" },
    out: { type: "string" },
    unknown: { type: "boolean", default: false },
  },
});
const users = Number(values.users);
const signins = Number(values.signins);
const dataDir = mkdtempSync(join(tmpdir(), "hushpool-prof-"));
const outDir = values.out ?? mkdtempSync(join(tmpdir(), "hushpool-cpuprof-"));
const client = createClient({ maxSockets: 1 });
const seeded = await seedUsers(dataDir, users, () => {});
const server = await startServerProcess({
  dataDir,
  nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${outDir}`],
});
const name = namePicker(7, users, values.unknown);

async function password(): Promise<void> {
  const r = await client.call(server.baseUrl, "InitiateAuth", {
    ClientId: seeded.clientId,
    AuthFlow: "USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: name(), PASSWORD: BENCH_PASSWORD },
  });
  if (r.status !== 200 && !values.unknown) throw new Error(JSON.stringify(r.body));
}
async function srp(): Promise<void> {
  const start = srpStart();
  const r1 = await client.call(server.baseUrl, "InitiateAuth", {
    ClientId: seeded.clientId,
    AuthFlow: "USER_SRP_AUTH",
    AuthParameters: { USERNAME: name(), SRP_A: start.srpA },
  });
  const params = (r1.body as { ChallengeParameters: Record<string, string> }).ChallengeParameters;
  const r2 = await client.call(server.baseUrl, "RespondToAuthChallenge", {
    ClientId: seeded.clientId,
    ChallengeName: "PASSWORD_VERIFIER",
    ChallengeResponses: srpRespond(seeded.poolId, start, params, BENCH_PASSWORD),
  });
  if (r2.status !== 200 && !values.unknown) throw new Error(JSON.stringify(r2.body));
}

try {
  for (const [flow, task] of [
    ["password", password],
    ["srp", srp],
  ] as const) {
    if (values.flow !== "both" && values.flow !== flow) continue;
    await runLoad({ concurrency: 1, total: 100, task });
    const before = treeCpuMs(server.pid);
    const threadsBefore = threadCpu(server.pid);
    await runLoad({ concurrency: 1, total: signins, task });
    console.log(
      `${flow}: server CPU ${((treeCpuMs(server.pid) - before) / signins).toFixed(3)} ms per sign-in`,
    );
    const threadsAfter = threadCpu(server.pid);
    const perThread = new Map<string, number>();
    for (const [tid, t] of threadsAfter) {
      const used = t.ms - (threadsBefore.get(tid)?.ms ?? 0);
      perThread.set(t.name, (perThread.get(t.name) ?? 0) + used);
    }
    for (const [thread, ms] of [...perThread].sort((a, b) => b[1] - a[1]))
      if (ms > 0) console.log(`  thread ${thread.padEnd(16)} ${(ms / signins).toFixed(3)} ms per sign-in`);
  }
} finally {
  client.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** CPU ms per thread of a process (name from /proc/<pid>/task/<tid>/comm). */
function threadCpu(pid: number): Map<string, { name: string; ms: number }> {
  const out = new Map<string, { name: string; ms: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
      out.set(tid, { name, ms: ((Number(f[11]) + Number(f[12])) * 1000) / 100 });
    } catch {
      // the thread ended
    }
  }
  return out;
}

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}
const file = readdirSync(outDir).filter((f) => f.endsWith(".cpuprofile"))[0];
if (file) {
  const prof = JSON.parse(readFileSync(join(outDir, file), "utf8")) as {
    nodes: Node[];
    samples: number[];
    timeDeltas: number[];
  };
  // Shares of the busy samples of the request path: idle samples and those of module loading at
  // startup (any frame in node:internal/modules/…) are left out, so a startup cost (e.g. a loader's
  // hooks) does not pass for a per-request one.
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const isStartup = new Map<number, boolean>();
  const startup = (id: number): boolean => {
    const known = isStartup.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id);
    const parent = parentOf.get(id);
    const v =
      (n?.callFrame.url.startsWith("node:internal/modules/") ?? false) ||
      (parent !== undefined && startup(parent));
    isStartup.set(id, v);
    return v;
  };
  const hits = new Map<number, number>();
  let total = 0;
  let skipped = 0;
  for (const id of prof.samples) {
    const n = byId.get(id);
    if (!n || n.callFrame.functionName === "(idle)") continue;
    if (startup(id)) {
      skipped++;
      continue;
    }
    total++;
    hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const n of prof.nodes) {
    const count = hits.get(n.id) ?? 0;
    if (count === 0) continue;
    const f = n.callFrame;
    const where = f.url.replace(/^.*\/(node_modules|src|dist)\//, "$1/").replace(/^node:/, "node:");
    const key = `${f.functionName || "(anon)"} ${where}:${f.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + count);
    const fk = where.replace(/^(node_modules\/[^/]+).*$/, "$1") || f.functionName;
    byFile.set(fk, (byFile.get(fk) ?? 0) + count);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([key, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${key}`)
      .join("\n");
  console.log(
    `profile ${join(outDir, file)}: ${total} busy samples on the request path (${skipped} of module loading left out)\nby function (self):\n${top(byFn, 40)}`,
  );
  console.log(`by file (self):\n${top(byFile, 25)}`);
}
