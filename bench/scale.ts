/**
 * Flat at scale: sign-in, AdminGetUser and ListUsers with a filter at 1,000, 100,000 and 1,000,000
 * users (docs/performance.md#flat-at-scale). One data directory grows from size to size; users are
 * seeded in-process through the storage port's bulk path (`users.insertMany`, batches of 5,000 in one
 * transaction each), then a server process (`--workers`, default 1) is started on the directory and
 * measured over keep-alive HTTP, one request at a time:
 *
 * - USER_PASSWORD_AUTH for users spread over the whole table (every stage gives a real SRP verifier to
 *   about `--signers` of its new users, spread evenly; the other users get a sealed credential of the
 *   same size that no password opens, which spares a modexp per row — seeding a million users takes
 *   minutes, not the ~15 minutes of CPU a million verifiers cost);
 * - AdminGetUser of random users among all N;
 * - ListUsers with `email = "<a random user's address>"` (one match).
 *
 * Printed per size: p50 and p99 of each, server CPU per sign-in and its ratio to the floor (measured
 * with the lookup on this very database, bench/lib/floor.ts), and the server's peak RSS; then each
 * p50/p99 as a multiple of the smallest size's.
 *
 *   npx tsx bench/scale.ts [--sizes 1000,100000,1000000] [--samples 1000] [--signers 2000] [--workers 1]
 *   npx tsx bench/scale.ts --sizes 1000,20000 --samples 200        # a quick run
 */

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startApp } from "../src/app.ts";
import { sealCredential } from "../src/domain/users/credentials.ts";
import { newUserRecord } from "../src/domain/users/new-user.ts";
import { createUserPool } from "../src/operations/create-user-pool.ts";
import { createUserPoolClient } from "../src/operations/create-user-pool-client.ts";
import type { UserRecord } from "../src/storage/ports.ts";
import { testConfig } from "../test/helpers/test-config.ts";
import { spread } from "./auth/pick-names.ts";
import { treeCpuMs } from "./auth/proc-cpu.ts";
import { BENCH_PASSWORD, benchName } from "./auth/seed-users.ts";
import { floorMeter, ratioText } from "./lib/floor.ts";
import { createClient } from "./lib/http-client.ts";
import { runLoad } from "./lib/load.ts";
import { startServerProcess } from "./lib/server.ts";
import type { Summary } from "./lib/stats.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,100000,1000000" },
    samples: { type: "string", default: "1000" },
    signers: { type: "string", default: "2000" },
    workers: { type: "string", default: "1" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const samples = Number(values.samples);
const signersPerStage = Number(values.signers);
const dataDir = mkdtempSync(join(tmpdir(), "hushpool-bench-scale-"));
const client = createClient({ maxSockets: 1 });
const BATCH = 5000;

const app = await startApp(testConfig({ data: dataDir }));
const s = app.services;
const ctx = { requestId: "seed", log: s.log, remoteAddress: "127.0.0.1" };
const { UserPool } = (await createUserPool.handle({ PoolName: "scale" }, s, ctx)) as {
  UserPool: { Id: string };
};
const poolId = UserPool.Id;
const { UserPoolClient } = (await createUserPoolClient.handle(
  {
    UserPoolId: poolId,
    ClientName: "scale",
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  },
  s,
  ctx,
)) as { UserPoolClient: { ClientId: string } };
const clientId = UserPoolClient.ClientId;
const found = await s.store.pools.get(poolId);
if (!found) throw new Error("pool missing");
const pool = found;

/** Indices of users with a real credential, spread over the table. */
const signers: number[] = [];
let seeded = 0;

/** A sealed credential of a real one's size and binding that no password opens (no modexp). */
function lockedCredential(u: UserRecord): string {
  const c = { salt: randomBytes(16).toString("hex"), verifier: randomBytes(384).toString("hex") };
  return s.box.seal(JSON.stringify(c), `credential:${u.poolId}:${u.sub}`);
}

async function seedTo(n: number): Promise<number> {
  const started = Date.now();
  const step = Math.max(1, Math.floor((n - seeded) / signersPerStage));
  const from = seeded;
  while (seeded < n) {
    const batch: UserRecord[] = [];
    const now = Date.now();
    for (const end = Math.min(n, seeded + BATCH); seeded < end; seeded++) {
      const name = benchName(seeded);
      const u = newUserRecord({
        pool,
        username: name,
        attributes: { email: `${name}@example.com`, email_verified: "true", given_name: `G${seeded % 1000}` },
        status: "CONFIRMED",
        now,
      });
      const real = (seeded - from) % step === 0;
      if (real) signers.push(seeded);
      batch.push({
        ...u,
        credential: real ? sealCredential(s.box, u, BENCH_PASSWORD) : lockedCredential(u),
        credentialSetAt: now,
      });
    }
    await s.store.users.insertMany(batch);
  }
  return (Date.now() - started) / 1000;
}

const rand = spread(4242);

async function timed(task: () => Promise<void>): Promise<Summary> {
  for (let i = 0; i < Math.min(100, samples); i++) await task();
  const r = await runLoad({ concurrency: 1, total: samples, task });
  return r.latency;
}

interface Row {
  n: number;
  seedS: number;
  signIn: Summary;
  getUser: Summary;
  list: Summary;
  cpu: string;
  rssMb: number;
  dbMb: number;
}
const rows: Row[] = [];
const ms = (us: number): string => (us / 1000).toFixed(2);

try {
  console.log(
    `hushpool scale bench: sizes ${sizes.join(", ")}, ${samples} samples each, ${values.workers} worker(s), SQLite, Node ${process.version}, load average ${loadavg()[0]?.toFixed(2)}`,
  );
  for (const n of sizes) {
    const seedS = await seedTo(n);
    console.log(`seeded to ${n} users in ${seedS.toFixed(1)} s (${signers.length} with a real verifier)`);
    const server = await startServerProcess({ dataDir, args: ["--workers", values.workers] });
    // The floor, measured just before and just after the sign-ins, on this very database: on a shared
    // VM the CPU's speed drifts over seconds (docs/performance.md#ratios-against-a-floor-measured-beside-them).
    const meter = floorMeter({
      sqlite: { file: join(dataDir, "hushpool.sqlite"), poolId, name: benchName, users: n },
    });
    try {
      const url = server.baseUrl;
      const check = (r: { status: number; body: unknown }, what: string) => {
        if (r.status !== 200) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
      };
      const signIn = async () =>
        check(
          await client.call(url, "InitiateAuth", {
            ClientId: clientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: {
              USERNAME: benchName(signers[rand(signers.length)] ?? 0),
              PASSWORD: BENCH_PASSWORD,
            },
          }),
          "InitiateAuth",
        );
      const floorBefore = meter.measure(0.25).passwordMs;
      const before = treeCpuMs(server.pid);
      const signInSummary = await timed(signIn);
      const cpuPer = (treeCpuMs(server.pid) - before) / (samples + Math.min(100, samples));
      const floorMs = (floorBefore + meter.measure(0.25).passwordMs) / 2;
      const getUser = await timed(async () =>
        check(
          await client.call(url, "AdminGetUser", { UserPoolId: poolId, Username: benchName(rand(n)) }),
          "AdminGetUser",
        ),
      );
      const list = await timed(async () => {
        const r = await client.call(url, "ListUsers", {
          UserPoolId: poolId,
          Filter: `email = "${benchName(rand(n))}@example.com"`,
        });
        check(r, "ListUsers");
        if ((r.body as { Users: unknown[] }).Users.length !== 1)
          throw new Error("ListUsers: expected one user");
      });
      const row: Row = {
        n,
        seedS,
        signIn: signInSummary,
        getUser,
        list,
        cpu: ratioText(cpuPer, floorMs),
        rssMb: server.rssPeakKb() / 1024,
        dbMb: statSync(join(dataDir, "hushpool.sqlite")).size / 2 ** 20,
      };
      rows.push(row);
      console.log(
        `N=${n}: sign-in p50 ${ms(row.signIn.p50)} / p99 ${ms(row.signIn.p99)} ms; AdminGetUser ${ms(getUser.p50)} / ${ms(getUser.p99)} ms; ` +
          `ListUsers email= ${ms(list.p50)} / ${ms(list.p99)} ms; server CPU per sign-in ${row.cpu}; peak RSS ${row.rssMb.toFixed(0)} MB; database ${row.dbMb.toFixed(0)} MB`,
      );
    } finally {
      meter.close();
      await server.stop();
    }
  }
  const base = rows[0];
  if (base) {
    console.log(
      "\n| users | seeding (this stage) | sign-in p50 / p99 ms | AdminGetUser p50 / p99 ms | ListUsers `email =` p50 / p99 ms | p99 vs smallest (sign-in, get, list) | server CPU per sign-in | peak RSS | database |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const r of rows) {
      const k = (a: Summary, b: Summary) => (a.p99 / b.p99).toFixed(2);
      console.log(
        `| ${r.n.toLocaleString("en")} | ${r.seedS.toFixed(1)} s | ${ms(r.signIn.p50)} / ${ms(r.signIn.p99)} | ${ms(r.getUser.p50)} / ${ms(r.getUser.p99)} | ` +
          `${ms(r.list.p50)} / ${ms(r.list.p99)} | ${k(r.signIn, base.signIn)}×, ${k(r.getUser, base.getUser)}×, ${k(r.list, base.list)}× | ${r.cpu} | ${r.rssMb.toFixed(0)} MB | ${r.dbMb.toFixed(0)} MB |`,
      );
    }
  }
} finally {
  client.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
