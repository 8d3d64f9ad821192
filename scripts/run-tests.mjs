// Runs test files with node's built-in runner (Node 20 has no --test globbing), in parallel child
// processes; e2e files start their own servers on free ports.
//
//   node scripts/run-tests.mjs              every file under test/
//   node scripts/run-tests.mjs unit         test/unit and test/storage
//   node scripts/run-tests.mjs e2e          test/e2e without the AWS CLI files
//   node scripts/run-tests.mjs e2e-runtime  the same without the browser files (.ci/run's other Node versions)
//   node scripts/run-tests.mjs cli          the AWS CLI files (e2e files using test/helpers/aws-cli.ts)
//   node scripts/run-tests.mjs FILE…        just these files
//
// HUSHPOOL_TEST_CONCURRENCY overrides the number of files run at once.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith(".test.ts")) out.push(p);
  }
  return out.sort();
}

const usesAwsCli = (file) => /helpers\/aws-cli\.ts"/.test(readFileSync(file, "utf8"));
const usesBrowser = (file) =>
  /playwright-core|helpers\/browser\.ts"|amplify-browser|browser\/page\.ts"/.test(readFileSync(file, "utf8"));
const SUITES = {
  all: () => find("test"),
  unit: () => [...find("test/unit"), ...find("test/storage")],
  e2e: () => find("test/e2e").filter((f) => !usesAwsCli(f)),
  // The end-to-end files that exercise the server's runtime rather than a browser's: what .ci/run
  // repeats on the other Node versions (the browser files test Chromium's side, which a Node version
  // does not change, and are the slowest).
  "e2e-runtime": () => find("test/e2e").filter((f) => !usesAwsCli(f) && !usesBrowser(f)),
  cli: () => find("test/e2e").filter(usesAwsCli),
};

const args = process.argv.slice(2);
const suite = args.length === 0 ? "all" : args.length === 1 && SUITES[args[0]] ? args[0] : undefined;
const files = suite ? SUITES[suite]() : args;

if (files.length === 0) {
  console.error(`no test files in ${args.join(" ")}`);
  process.exit(1);
}

// A file spends part of its time waiting (servers starting, child processes, PostgreSQL), so two
// more files than cores keep every core busy. Whole suite on 2 cores: 2 files at once took 47 s,
// 3 took 40 s, 4 took 39 s.
const concurrency =
  Number(process.env.HUSHPOOL_TEST_CONCURRENCY) || Math.min(files.length, availableParallelism() + 2);

const r = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...files],
  {
    stdio: "inherit",
    // One worker per spawned server unless a test asks for more: files run in parallel, and a
    // server per core each would multiply the processes (docs/scaling.md#workers).
    env: {
      ...process.env,
      HUSHPOOL_LOG_LEVEL: process.env.HUSHPOOL_LOG_LEVEL ?? "silent",
      HUSHPOOL_WORKERS: process.env.HUSHPOOL_WORKERS ?? "1",
    },
  },
);
process.exit(r.status ?? 1);
