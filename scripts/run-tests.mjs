// Runs every test file under test/ with node's built-in runner (Node 20 has no --test globbing).
// Files run in parallel child processes; e2e tests start their own servers on free ports.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : find("test").sort();
const r = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=3", "--test-reporter=spec", ...files],
  {
    stdio: "inherit",
    env: { ...process.env, HUSHPOOL_LOG_LEVEL: process.env.HUSHPOOL_LOG_LEVEL ?? "silent" },
  },
);
process.exit(r.status ?? 1);
