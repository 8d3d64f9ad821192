/**
 * CPU cost of the token module: minting one ID + access + refresh set, verifying an access token,
 * opening a refresh token, and generating the key ring on first start. Run: npx tsx bench/token-mint.ts
 * CPU time is process.cpuUsage() (all threads: WebCrypto signs on libuv's pool), divided by operations.
 */
import { randomBytes } from "node:crypto";
import { SecretBox } from "../src/crypto/secret-box.ts";
import { openStore } from "../src/storage/open-store.ts";
import type { TokenStore } from "../src/storage/ports.ts";
import {
  issuerFor,
  type MintInput,
  mintTokens,
  openRefreshToken,
  TokenKeys,
  verifyAccessToken,
} from "../src/tokens/index.ts";

const POOL = "local_bench0001";
const noopTokens: TokenStore = {
  putRefresh: async () => {},
  getRefresh: async () => null,
  revokeOrigin: async () => {},
  isOriginRevoked: async () => false,
  revokeUser: async () => {},
  markRotated: async () => false,
};

function input(now: number, includeRefresh: boolean): MintInput {
  return {
    issuer: issuerFor("http://localhost:9229", POOL),
    poolId: POOL,
    clientId: "63c35pra6tui4vlgt06nr8la2f",
    user: {
      sub: "07d42af8-0000-4000-8000-000000000001",
      username: "bench",
      attributes: { email: "b@example.com", email_verified: "true", name: "Bench User" },
    },
    authTime: now,
    accessValiditySeconds: 3600,
    idValiditySeconds: 3600,
    refreshValiditySeconds: 2_592_000,
    includeRefresh,
    now,
  };
}

interface Figure {
  name: string;
  n: number;
  wallMs: number;
  cpuMs: number;
}

/** Runs `op` n times with `concurrency` in flight; returns per-op wall and CPU milliseconds. */
async function measure(
  name: string,
  n: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<Figure> {
  for (let i = 0; i < Math.min(50, n); i++) await op(i); // warm-up
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await op(next++);
    }),
  );
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { name, n, wallMs: wall / n, cpuMs: (cpu.user + cpu.system) / 1000 / n };
}

const store = await openStore({ dataDir: ":memory:" });
const box = new SecretBox(randomBytes(32));

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const keys = await TokenKeys.load(store.keys, box);
const genWall = performance.now() - t0;
const genCpu = process.cpuUsage(cpu0);

const noop = { keys, tokens: noopTokens };
const sqlite = { keys, tokens: store.tokens };
const now = Date.now();
const sample = await mintTokens(sqlite, input(now, true));
const access = sample.authenticationResult.AccessToken;
const refresh = sample.authenticationResult.RefreshToken ?? "";

const N = 400;
const cases: [string, number, number, () => Promise<unknown>][] = [
  ["mint id+access+refresh (no store)", N, 1, () => mintTokens(noop, input(now, true))],
  ["mint id+access (refresh flow)", N, 1, () => mintTokens(noop, input(now, false))],
  ["mint id+access+refresh + SQLite put", N, 1, () => mintTokens(sqlite, input(now, true))],
  ["verifyAccessToken (no store)", 4 * N, 1, () => verifyAccessToken(noop, access, { now })],
  ["verifyAccessToken + SQLite origin check", 4 * N, 1, () => verifyAccessToken(sqlite, access, { now })],
  ["openRefreshToken", N, 1, () => openRefreshToken(keys, refresh)],
  ["mint full set, 4 in flight", N, 4, () => mintTokens(noop, input(now, true))],
];
// Three interleaved rounds; the median per case damps noise from other processes on the machine.
const rounds: Figure[][] = [];
for (let r = 0; r < 3; r++) {
  const round: Figure[] = [];
  for (const [name, n, c, op] of cases) round.push(await measure(name, n, c, op));
  rounds.push(round);
}
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const figures: Figure[] = cases.map(([name, n], i) => ({
  name,
  n,
  wallMs: median(rounds.map((r) => r[i]?.wallMs ?? Number.NaN)),
  cpuMs: median(rounds.map((r) => r[i]?.cpuMs ?? Number.NaN)),
}));

console.log(
  `key ring generation (3 × RSA-2048, first start): wall ${genWall.toFixed(0)} ms, CPU ${((genCpu.user + genCpu.system) / 1000).toFixed(0)} ms`,
);
console.log("median of 3 rounds");
console.log(
  "operation".padEnd(44),
  "n".padStart(5),
  "wall ms/op".padStart(11),
  "CPU ms/op".padStart(10),
  "ops/s".padStart(8),
);
for (const f of figures) {
  console.log(
    f.name.padEnd(44),
    String(f.n).padStart(5),
    f.wallMs.toFixed(3).padStart(11),
    f.cpuMs.toFixed(3).padStart(10),
    (1000 / f.wallMs).toFixed(0).padStart(8),
  );
}
const [mint, , , verify] = figures;
if (mint && verify)
  console.log(`ratio mint full set / verify access token (CPU): ${(mint.cpuMs / verify.cpuMs).toFixed(1)}×`);
await store.close();
