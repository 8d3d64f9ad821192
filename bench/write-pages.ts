/**
 * The three writes of a password sign-in in isolation (the lockout claim, its clear, the refresh-token
 * insert: src/storage/sql/counter-store.ts and token-store.ts), on SQLite files that differ only in
 * the indexes of those two tables: migration 13's schema against migration 14's
 * (docs/performance.md#fewer-index-pages). Each statement is its own WAL commit, as on the request
 * path. Variants are run in alternating rounds so that background load falls on all of them; CPU is
 * process.cpuUsage (user + system).
 *
 *   npx tsx bench/write-pages.ts [--rows 100000] [--ops 2000] [--rounds 6]
 *
 * `--commits` compares instead, on the latest schema, the three writes as three commits with the
 * clear and the insert as one transaction (docs/performance.md#fewer-commits-per-sign-in).
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { LOCKOUT_RULE } from "../src/domain/auth-flows/lockout.ts";
import { sqlCounterStore } from "../src/storage/sql/counter-store.ts";
import type { SqlExecutor } from "../src/storage/sql/executor.ts";
import { MIGRATIONS } from "../src/storage/sql/migrations.ts";
import { SqliteExecutor } from "../src/storage/sql/sqlite-executor.ts";
import { sqlTokenStore } from "../src/storage/sql/token-store.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    ops: { type: "string", default: "2000" },
    rounds: { type: "string", default: "6" },
    commits: { type: "boolean", default: false },
  },
});
const rows = Number(values.rows);
const ops = Number(values.ops);
const rounds = Number(values.rounds);

/** Applies the migrations up to `last` (inclusive), as a database of that version would hold them. */
async function migrateTo(db: SqlExecutor, last: number): Promise<void> {
  for (const m of MIGRATIONS) {
    if (m.version > last) break;
    await db.script(m.sql.replaceAll("{{C}}", "").replaceAll("{{UNLOGGED}}", ""));
  }
}

const id = (): string => createHash("sha256").update(randomBytes(32)).digest("base64url");

async function variant(dir: string, version: number, folded = false) {
  const db = new SqliteExecutor(join(dir, `v${version}${folded ? "-folded" : ""}.sqlite`));
  await migrateTo(db, version);
  const counters = sqlCounterStore(db);
  const tokens = sqlTokenStore(db);
  const now = Date.now();
  // A table of the size a busy pool holds: counters of the last 15 minutes, a month of refresh tokens.
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows; i++) {
      await tx.run(
        "INSERT INTO counters (key, count, first_at, last_at, prev_last_at, expires_at) VALUES (?, 1, ?, ?, 0, ?)",
        [`lockout:${id()}`, now - (i % 900_000), now - (i % 900_000), now + 900_000 - (i % 900_000)],
      );
      await tx.run(
        `INSERT INTO refresh_tokens (id, pool_id, client_id, sub, origin_jti, auth_time, created_at, expires_at, revoked_at)
         VALUES (?, 'local_bench0001', 'client', ?, ?, ?, ?, ?, NULL)`,
        [id(), `sub-${i % (rows / 4)}`, id(), now, now, now + 30 * 86_400_000 - i],
      );
    }
  });
  const clearAndInsert = async (key: string, t: Parameters<typeof tokens.putRefresh>[0]) => {
    if (!folded) {
      await counters.clear(key);
      await tokens.putRefresh(t);
      return;
    }
    await db.transaction(async (tx) => {
      await sqlCounterStore(tx).clear(key);
      await sqlTokenStore(tx).putRefresh(t);
    });
  };
  return {
    name: `migration ${version}${folded ? ", clear + insert one commit" : ""}`,
    async run(n: number): Promise<number> {
      const t0 = process.cpuUsage();
      for (let i = 0; i < n; i++) {
        const key = `lockout:${id()}`;
        const at = Date.now();
        await counters.claim(key, at, LOCKOUT_RULE);
        await clearAndInsert(key, {
          id: id(),
          poolId: "local_bench0001",
          clientId: "client",
          sub: `sub-${i % (rows / 4)}`,
          originJti: id(),
          authTime: at,
          createdAt: at,
          expiresAt: at + 30 * 86_400_000,
          revokedAt: null,
        });
      }
      const d = process.cpuUsage(t0);
      return (d.user + d.system) / n;
    },
    close: () => db.close(),
  };
}

const dir = mkdtempSync(join(tmpdir(), "hushpool-write-pages-"));
try {
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 14;
  const variants = values.commits
    ? [await variant(dir, latest), await variant(dir, latest, true)]
    : [await variant(dir, 13), await variant(dir, 14)];
  for (const v of variants) await v.run(200); // warm-up
  const load0 = loadavg()[0] ?? 0;
  const us = variants.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? variants.map((_, i) => i) : variants.map((_, i) => variants.length - 1 - i);
    for (const i of order) us[i]?.push((await variants[i]?.run(ops)) ?? 0);
  }
  const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;
  console.log(
    `claim + clear + refresh insert, ${ops} per round, ${rounds} rounds, ${rows} rows per table, ` +
      `Node ${process.version}, load average ${load0.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)}`,
  );
  variants.forEach((v, i) => {
    const all = us[i] ?? [];
    console.log(
      `  ${v.name}: median ${median(all).toFixed(1)} µs per sign-in's writes (rounds ${all.map((x) => x.toFixed(1)).join(", ")})`,
    );
  });
  for (const v of variants) await v.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
