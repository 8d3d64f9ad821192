// Runs test files with node's built-in runner (Node 20 has no --test globbing), in parallel child
// processes; e2e files start their own servers on free ports.
//
//   node scripts/run-tests.mjs              every file under test/
//   node scripts/run-tests.mjs unit         test/unit and test/storage
//   node scripts/run-tests.mjs e2e          test/e2e without the AWS CLI files
//   node scripts/run-tests.mjs e2e-runtime  the runtime-sensitive files .ci/run repeats on Node 22 and 24
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
const SUITES = {
  all: () => find("test"),
  unit: () => [...find("test/unit"), ...find("test/storage")],
  e2e: () => find("test/e2e").filter((f) => !usesAwsCli(f)),
  // What .ci/run repeats on Node 22 and 24: the files that exercise what a Node version can change —
  // the native SQLite module, node:crypto (SRP, tokens), node:http, child processes, the packed
  // tarball, and the four files that once hung on Node 22 — with the storage contract suite. The rest
  // (browser files, the long existence tables) runs once, on the machine's Node, to keep CI short.
  "e2e-runtime": () => [
    "test/storage/sqlite.test.ts",
    "test/storage/postgres.test.ts",
    "test/e2e/startup.test.ts",
    "test/e2e/package.test.ts",
    "test/e2e/sign-up.test.ts",
    "test/e2e/lifecycle.test.ts",
    "test/e2e/smtp.test.ts",
    "test/e2e/triggers-custom-auth.test.ts",
    "test/e2e/triggers-migration.test.ts",
    "test/e2e/auth/existence-custom-rows.test.ts",
    "test/e2e/auth/identity-js.test.ts",
    "test/e2e/auth/password-flow.test.ts",
    "test/e2e/mfa/totp.test.ts",
    "test/e2e/workers.test.ts",
    "test/e2e/secrets-at-rest.test.ts",
    "test/e2e/time-floor.test.ts",
  ],
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
