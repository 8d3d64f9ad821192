/**
 * User administration at scale: creates N users (default 100,000) through the API with
 * AdminCreateUser (MessageAction SUPPRESS, concurrency 16), then measures AdminGetUser and ListUsers
 * with an exact and a prefix email filter at that size, one request at a time, and reads the server's
 * peak RSS. The server runs as a child process with its own SQLite data directory.
 *
 *   npx tsx bench/users-100k.ts [--users 100000] [--concurrency 16] [--samples 2000]
 *   HUSHPOOL_BENCH_USERS=5000 npx tsx bench/users-100k.ts     # a quick run
 */

import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { spread } from "./auth/pick-names.ts";
import { type CallResult, createClient } from "./lib/http-client.ts";
import { type LoadResult, printLoad, runLoad } from "./lib/load.ts";
import { startServerProcess } from "./lib/server.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: process.env.HUSHPOOL_BENCH_USERS ?? "100000" },
    concurrency: { type: "string", default: "16" },
    samples: { type: "string", default: "2000" },
  },
});
const users = Number(values.users);
const concurrency = Number(values.concurrency);
const samples = Number(values.samples);
const client = createClient({ maxSockets: concurrency });
const dataDir = mkdtempSync(join(tmpdir(), "hushpool-bench-users-"));

const name = (i: number): string => `user${i}`;
const email = (i: number): string => `${name(i)}@example${i % 97}.com`;

function expectOk(op: string, r: CallResult): Record<string, unknown> {
  if (r.status !== 200) throw new Error(`${op} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
}

/** A deterministic spread of existing user numbers (a fixed LCG, so runs are comparable). */
function picker(seed: number): () => number {
  const next = spread(seed);
  return () => next(users);
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

const server = await startServerProcess({ dataDir });
const url = server.baseUrl;
try {
  const pool = expectOk("CreateUserPool", await client.call(url, "CreateUserPool", { PoolName: "bench" }));
  const poolId = (pool.UserPool as { Id: string }).Id;
  console.log(
    `hushpool users bench: ${users} users, concurrency ${concurrency}, ${samples} samples per query`,
  );

  const create = await runLoad({
    concurrency,
    total: users,
    task: async (i) => {
      const r = await client.call(url, "AdminCreateUser", {
        UserPoolId: poolId,
        Username: name(i),
        TemporaryPassword: "Bench-Passw0rd!",
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: email(i) },
          { Name: "given_name", Value: `Given${i % 1000}` },
        ],
      });
      expectOk("AdminCreateUser", r);
    },
  });
  printLoad(`AdminCreateUser (concurrency ${concurrency})`, create);
  console.log(`  = ${create.opsPerSec.toFixed(0)} users/s`);

  const measure = async (label: string, op: string, body: (i: number) => object): Promise<LoadResult> => {
    const next = picker(label.length * 7919);
    const run = await runLoad({
      concurrency: 1,
      total: samples,
      task: async () => {
        expectOk(op, await client.call(url, op, body(next())));
      },
    });
    printLoad(label, run);
    return run;
  };
  const get = await measure("AdminGetUser (sequential)", "AdminGetUser", (i) => ({
    UserPoolId: poolId,
    Username: name(i),
  }));
  const exact = await measure('ListUsers email = "…" (sequential)', "ListUsers", (i) => ({
    UserPoolId: poolId,
    Filter: `email = "${email(i)}"`,
  }));
  const prefix = await measure('ListUsers email ^= "userNNN" (sequential)', "ListUsers", (i) => ({
    UserPoolId: poolId,
    Filter: `email ^= "${name(i).slice(0, 7)}"`,
    Limit: 60,
  }));
  const peakMb = server.rssPeakKb() / 1024;
  console.log(
    `server peak RSS: ${peakMb.toFixed(0)} MB; data directory: ${(dirBytes(dataDir) / 1e6).toFixed(0)} MB`,
  );

  const ms = (us: number): string => (us / 1000).toFixed(2);
  console.log("\nMarkdown row:");
  console.log(
    "| users | create users/s | AdminGetUser p50 / p99 | ListUsers = p50 / p99 | ListUsers ^= p50 / p99 | peak RSS |",
  );
  console.log(
    `| ${users} | ${create.opsPerSec.toFixed(0)} | ${ms(get.latency.p50)} / ${ms(get.latency.p99)} ms | ` +
      `${ms(exact.latency.p50)} / ${ms(exact.latency.p99)} ms | ${ms(prefix.latency.p50)} / ${ms(prefix.latency.p99)} ms | ` +
      `${peakMb.toFixed(0)} MB |`,
  );
} finally {
  await server.stop();
  client.close();
  rmSync(dataDir, { recursive: true, force: true });
}
