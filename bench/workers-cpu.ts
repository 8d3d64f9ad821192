/**
 * Does a worker cost more CPU per sign-in than a lone process? Seeds 1,000 users, starts a server
 * with `--workers 1` and one with `--workers 2` on the same data directory (one SQLite file in WAL
 * mode, as workers share it), then alternates batches of 50 USER_PASSWORD_AUTH sign-ins between them,
 * one at a time, and sums each server's CPU (server and workers, from /proc). Alternating makes both
 * see the same background load, which matters on a shared machine.
 *
 *   npx tsx bench/workers-cpu.ts [--root /tmp/older-tree]     # --root: servers from another tree (git archive)
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { namePicker } from "./auth/pick-names.ts";
import { treeCpuMs } from "./auth/proc-cpu.ts";
import { BENCH_PASSWORD, seedUsers } from "./auth/seed-users.ts";
import { createClient } from "./lib/http-client.ts";
import { runLoad } from "./lib/load.ts";
import { startServerProcess } from "./lib/server.ts";

const { values } = parseArgs({ options: { root: { type: "string" } } });
const root = values.root ? { root: values.root } : {};
const dataDir = mkdtempSync(join(tmpdir(), "hushpool-bench-workers-"));
const seeded = await seedUsers(dataDir, 1000, () => {});
const a = await startServerProcess({ dataDir, args: ["--workers", "1"], ...root });
const b = await startServerProcess({ dataDir, args: ["--workers", "2"], ...root });
const client = createClient({ maxSockets: 1 });
const pick = namePicker(1, 1000);
const task = (url: string) => async () => {
  const r = await client.call(url, "InitiateAuth", {
    ClientId: seeded.clientId,
    AuthFlow: "USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: pick(), PASSWORD: BENCH_PASSWORD },
  });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
};
const cpu = { a: 0, b: 0 };
for (const s of [a, b]) await runLoad({ concurrency: 1, total: 50, task: task(s.baseUrl) });
for (let round = 0; round < 6; round++) {
  for (const [k, s] of [
    ["a", a],
    ["b", b],
  ] as const) {
    const before = treeCpuMs(s.pid);
    await runLoad({ concurrency: 1, total: 50, task: task(s.baseUrl) });
    cpu[k] += treeCpuMs(s.pid) - before;
  }
}
console.log(
  `1 worker: ${(cpu.a / 300).toFixed(2)} ms, 2 workers: ${(cpu.b / 300).toFixed(2)} ms per sign-in`,
);
client.close();
await a.stop();
await b.stop();
rmSync(dataDir, { recursive: true, force: true });
