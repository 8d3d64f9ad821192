/**
 * Before/after handler CPU per sign-in without HTTP, both builds in this one process: A's sources
 * (another tree, `--a-root`, imported from its src/) and this tree's, each app on a data directory of
 * its own seeded by this tree, the InitiateAuth / RespondToAuthChallenge handlers called directly,
 * one at a time, in alternating batches, CPU from process.cpuUsage() (microseconds, not /proc's
 * 10 ms ticks). Finer than bench/ab-cpu.ts for changes of tens of µs; it leaves out HTTP and the
 * kernel's loopback, which both builds pay alike. The SRP client's maths, also in this process, is
 * measured apart and subtracted.
 *
 *   npx tsx bench/ab-handlers.ts --a-root DIR [--b-root DIR] [--flow password|srp] [--users 2000] [--rounds 10] [--batch 300]
 *
 * B is this tree unless --b-root names another (a `git archive` of a commit, with node_modules linked).
 */

import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { testConfig } from "../test/helpers/test-config.ts";
import { type Handler, handlerSignIn } from "./auth/handler-signin.ts";
import { namePicker } from "./auth/pick-names.ts";
import { seedUsers } from "./auth/seed-users.ts";

const { values } = parseArgs({
  options: {
    "a-root": { type: "string" },
    "b-root": { type: "string" },
    flow: { type: "string", default: "password" },
    users: { type: "string", default: "2000" },
    rounds: { type: "string", default: "10" },
    batch: { type: "string", default: "300" },
  },
});
const aRoot = values["a-root"];
if (!aRoot) throw new Error("--a-root DIR: the tree to compare with");
const users = Number(values.users);
const rounds = Number(values.rounds);
const batch = Number(values.batch);
const flow = values.flow === "srp" ? "srp" : "password";

interface Build {
  label: string;
  app: { services: { log: unknown }; close(): Promise<void> };
  initiate: Handler;
  respond: Handler;
  seeded: { poolId: string; clientId: string };
  dir: string;
}

async function build(label: string, src: string): Promise<Build> {
  const dir = mkdtempSync(join(tmpdir(), "hushpool-ab-handlers-"));
  const seeded = await seedUsers(dir, users, () => {});
  const { startApp } = await import(join(src, "app.ts"));
  const { initiateAuth } = await import(join(src, "operations/initiate-auth.ts"));
  const { respondToAuthChallenge } = await import(join(src, "operations/respond-to-auth-challenge.ts"));
  const app = await startApp(testConfig({ data: dir }));
  return { label, app, initiate: initiateAuth, respond: respondToAuthChallenge, seeded, dir };
}

const name = namePicker(4242, users);
const cpuMs = (c: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

/** One sign-in; returns the client-side CPU (ms) spent in it, to subtract. */
async function signIn(b: Build): Promise<number> {
  const target = { initiate: b.initiate, respond: b.respond, services: b.app.services, seeded: b.seeded };
  return (await handlerSignIn(target, { flow, name: name() })) / 1000;
}

/** Kernel time per sign-in (ms) of each build's batches: the share of the CPU that is system time. */
const systemMs = new Map<Build, number[]>();
/** Minor page faults per sign-in of each build's batches (kernel time that no syscall shows). */
const faults = new Map<Build, number[]>();

async function batchMs(b: Build, n: number): Promise<number> {
  let client = 0;
  const f0 = process.resourceUsage().minorPageFault;
  const c = process.cpuUsage();
  for (let i = 0; i < n; i++) client += await signIn(b);
  const f = faults.get(b) ?? [];
  f.push((process.resourceUsage().minorPageFault - f0) / n);
  faults.set(b, f);
  const sys = systemMs.get(b) ?? [];
  sys.push(process.cpuUsage(c).system / 1000 / n);
  systemMs.set(b, sys);
  return (cpuMs(c) - client) / n;
}

const a = await build(`A (${aRoot})`, resolve(aRoot, "src"));
const bRoot = values["b-root"];
const b = await build(`B (${bRoot ?? "this tree"})`, resolve(bRoot ?? ".", "src"));
const load0 = loadavg()[0] ?? 0;
try {
  for (const v of [a, b]) await batchMs(v, 100); // warm-up
  const per = { a: [] as number[], b: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      per.a.push(await batchMs(a, batch));
      per.b.push(await batchMs(b, batch));
    } else {
      per.b.push(await batchMs(b, batch));
      per.a.push(await batchMs(a, batch));
    }
  }
  const median = (v: number[]): number => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)] ?? 0;
  const diffs = per.b.map((v, i) => v - (per.a[i] ?? 0));
  console.log(
    `${flow === "password" ? "USER_PASSWORD_AUTH" : "USER_SRP_AUTH (both steps)"} handlers, ${rounds} alternating batches of ${batch}, ` +
      `${users} users, Node ${process.version}, load average ${load0.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)}`,
  );
  for (const [v, all] of [
    [a, per.a],
    [b, per.b],
  ] as const)
    console.log(
      `  ${v.label}: median ${(median(all) * 1000).toFixed(1)} µs per sign-in, of which system ${(median(systemMs.get(v) ?? []) * 1000).toFixed(1)} µs; ${median(faults.get(v) ?? []).toFixed(1)} minor page faults`,
    );
  console.log(
    `  B − A: median of the rounds' differences ${(median(diffs) * 1000).toFixed(1)} µs; B lower in ${diffs.filter((d) => d < 0).length} of ${rounds} rounds`,
  );
} finally {
  for (const v of [a, b]) {
    await v.app.close();
    rmSync(v.dir, { recursive: true, force: true });
  }
}
