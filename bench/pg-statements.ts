/**
 * The storage statements of a password sign-in on PostgreSQL (client, pool, the user and the decoy
 * read, the lockout read, claim and clear, the group claims, the refresh-token insert), run through
 * two builds of the store: A from another tree (e.g. main before named statements), B from this one.
 * Each store gets its own schema and one connection, and rounds alternate between them; the CPU of
 * this process (the node side) and of each store's backend process (from /proc) is summed per sign-in.
 *
 *   npx tsx bench/pg-statements.ts --a-root DIR [--database-url URL] [--users 1000] [--rounds 8] [--batch 500]
 */

import { randomBytes, randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { LOCKOUT_RULE } from "../src/domain/auth-flows/lockout.ts";
import type { Store, UserRecord } from "../src/storage/ports.ts";
import { spread } from "./auth/pick-names.ts";
import { cpuMs } from "./auth/proc-cpu.ts";

const { values } = parseArgs({
  options: {
    "a-root": { type: "string" },
    "database-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/test" },
    users: { type: "string", default: "1000" },
    rounds: { type: "string", default: "8" },
    batch: { type: "string", default: "500" },
  },
});
const aRoot = values["a-root"];
if (!aRoot) throw new Error("--a-root DIR: the tree to compare with");
const url = values["database-url"] ?? "";
const users = Number(values.users);
const rounds = Number(values.rounds);
const batch = Number(values.batch);

interface Side {
  name: string;
  store: Store;
  backend: number;
  schema: string;
}

type ExecutorModule = typeof import("../src/storage/sql/postgres-executor.ts");
type MigrationsModule = typeof import("../src/storage/sql/migrations.ts");
type SqlStoreModule = typeof import("../src/storage/sql/sql-store.ts");

async function side(name: string, root: string): Promise<Side> {
  const dir = join(root, "src/storage/sql");
  const { PostgresExecutor } = (await import(join(dir, "postgres-executor.ts"))) as ExecutorModule;
  const { migrate } = (await import(join(dir, "migrations.ts"))) as MigrationsModule;
  const { sqlStore } = (await import(join(dir, "sql-store.ts"))) as SqlStoreModule;
  const schema = `hp_bench_stmt_${name.toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const db = new PostgresExecutor({ connectionString: url, options: `-c search_path=${schema}`, max: 1 });
  await migrate(db);
  const pid = Number((await db.get<{ pid: number }>("SELECT pg_backend_pid() AS pid"))?.pid);
  return { name, store: sqlStore(db), backend: pid, schema };
}

const POOL = "local_benchStmt1";
const CLIENT = "benchstatementsclient0001";
const user = (i: number): UserRecord => ({
  poolId: POOL,
  sub: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  username: `user${i}`,
  usernameKey: `user${i}`,
  aliases: {},
  status: "CONFIRMED",
  enabled: true,
  attributes: { email: `user${i}@example.com`, email_verified: "true" },
  credential: "x".repeat(1100),
  credentialSetAt: 0,
  meta: {},
  createdAt: 0,
  modifiedAt: 0,
  version: 0,
});

async function seed(s: Store): Promise<void> {
  await s.pools.create({
    id: POOL,
    name: "bench",
    config: { Policies: {}, SchemaAttributes: [] },
    createdAt: 0,
    modifiedAt: 0,
  });
  await s.clients.create({
    poolId: POOL,
    clientId: CLIENT,
    config: { ClientName: "bench", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] },
    secret: null,
    createdAt: 0,
    modifiedAt: 0,
  });
  await s.users.insertMany(Array.from({ length: users }, (_, i) => user(i)));
}

const pickUser = spread(99);
async function signIn(s: Store): Promise<void> {
  const u = user(pickUser(users));
  const now = Date.now();
  const client = await s.clients.find(CLIENT);
  const pool = await s.pools.get(client?.poolId ?? "");
  const found = await s.users.findByUsername(pool?.id ?? "", u.usernameKey);
  await s.users.findBySub("hushpool_decoy0", "00000000-0000-4000-8000-0000000000ab");
  const lockKey = `lockout:${u.sub}`;
  await s.counters.get(lockKey);
  await s.counters.claim(lockKey, now, LOCKOUT_RULE);
  await s.groups.groupsOf(POOL, found?.sub ?? "", 100);
  await s.counters.clear(lockKey);
  await s.tokens.putRefresh({
    id: randomBytes(32).toString("base64url"),
    poolId: POOL,
    clientId: CLIENT,
    sub: u.sub,
    originJti: randomUUID(),
    authTime: now,
    createdAt: now,
    expiresAt: now + 30 * 86_400_000,
    revokedAt: null,
  });
}

const sides = [await side("A", aRoot), await side("B", join(import.meta.dirname, ".."))];
try {
  for (const s of sides) {
    await seed(s.store);
    for (let i = 0; i < 200; i++) await signIn(s.store);
  }
  const load0 = loadavg()[0] ?? 0;
  const cpu = sides.map(() => ({ node: [] as number[], backend: [] as number[] }));
  for (let r = 0; r < rounds; r++) {
    for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const s = sides[i] as Side;
      const n0 = process.cpuUsage();
      const b0 = cpuMs(s.backend);
      for (let k = 0; k < batch; k++) await signIn(s.store);
      const n = process.cpuUsage(n0);
      cpu[i]?.node.push((n.user + n.system) / 1000 / batch);
      cpu[i]?.backend.push((cpuMs(s.backend) - b0) / batch);
    }
  }
  const mean = (v: number[]): number => v.reduce((p, q) => p + q, 0) / v.length;
  console.log(
    `sign-in statements on PostgreSQL, ${rounds} alternating batches of ${batch}, ${users} users, ` +
      `Node ${process.version}, load average ${load0.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)}`,
  );
  sides.forEach((s, i) => {
    const c = cpu[i] ?? { node: [], backend: [] };
    console.log(
      `  ${s.name} (${i === 0 ? aRoot : "this tree"}): node ${(mean(c.node) * 1000).toFixed(0)} µs + ` +
        `backend ${(mean(c.backend) * 1000).toFixed(0)} µs per sign-in's statements`,
    );
  });
} finally {
  for (const s of sides) await s.store.close();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  for (const s of sides) await admin.query(`DROP SCHEMA IF EXISTS "${s.schema}" CASCADE`);
  await admin.end();
}
