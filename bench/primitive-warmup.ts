/**
 * What a primitive of the floor costs right after other work, against the floor's tight loop.
 *
 * bench/lib/floor.ts times each primitive back to back; inside a sign-in the first RS256 signature
 * follows a millisecond or more of other work (the modexp, SQLite, JavaScript). This bench times one
 * call after `gap` µs of plain JavaScript arithmetic, for several gaps, in alternating rounds, and
 * prints the median wall time per call (single-threaded synchronous calls, so wall ≈ CPU) and its
 * ratio to gap 0 (docs/performance.md#the-first-signature-after-other-work).
 *
 *   npx tsx bench/primitive-warmup.ts [--rounds 6] [--calls 120] [--gaps 0,100,300,1000,2000]
 *   npx tsx bench/primitive-warmup.ts --mask-ifma   # the same with OpenSSL told AVX-512 IFMA is absent
 *
 * `--mask-ifma` runs the measurement in a child with OPENSSL_ia32cap=":~0x200000" (OpenSSL's
 * capability mask: bit 21 of CPUID leaf 7's EBX, AVX512_IFMA), which turns off the AVX-512 RSA code
 * that OpenSSL 3 uses for 2048-bit keys on CPUs that have it.
 */
import { spawnSync } from "node:child_process";
import { createDiffieHellman, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { N, toFixedBytes } from "../src/srp/group.ts";
import { quantile } from "./lib/stats.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "6" },
    calls: { type: "string", default: "120" },
    gaps: { type: "string", default: "0,100,300,1000,2000" },
    "mask-ifma": { type: "boolean", default: false },
  },
});

if (values["mask-ifma"]) {
  const args = process.argv.slice(1).filter((a) => a !== "--mask-ifma");
  const child = spawnSync(process.execPath, [...process.execArgv, ...args], {
    stdio: "inherit",
    env: { ...process.env, OPENSSL_ia32cap: ":~0x200000" },
  });
  process.exit(child.status ?? 1);
}

const rounds = Number(values.rounds);
const calls = Number(values.calls);
const gaps = values.gaps.split(",").map(Number);

const cpuFlags = (): string => {
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    const model = /model name\s*:\s*(.*)/.exec(info)?.[1] ?? "unknown CPU";
    return `${model}${/\bavx512ifma\b/.test(info) ? ", AVX-512 IFMA" : ""}`;
  } catch {
    return "unknown CPU";
  }
};

/** Plain JavaScript arithmetic for `us` µs of wall time: no SIMD, no allocation. */
function busy(us: number): number {
  const end = process.hrtime.bigint() + BigInt(Math.round(us * 1000));
  let x = 1;
  while (process.hrtime.bigint() < end) for (let i = 0; i < 64; i++) x = (x * 1.000001 + 1) % 1e9;
  return x;
}

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const payload = randomBytes(900);
const dh = createDiffieHellman(toFixedBytes(N), Buffer.from([2]));
const primitives: Record<string, () => void> = {
  "RS256 sign (2048-bit)": () => sign("sha256", payload, privateKey),
  "3072-bit modexp": () => {
    dh.setPrivateKey(randomBytes(32));
    dh.generateKeys();
  },
};

/**
 * One round: `calls` calls after each gap, the gaps taken in turn call by call (so a change in the
 * machine's speed during the round reaches every gap alike); returns the median µs per gap.
 */
function round(fn: () => void): number[] {
  const xs = gaps.map((): number[] => []);
  for (let i = 0; i < calls; i++) {
    gaps.forEach((gap, g) => {
      if (gap > 0) busy(gap);
      const t = process.hrtime.bigint();
      fn();
      xs[g]?.push(Number(process.hrtime.bigint() - t) / 1000);
    });
  }
  return xs.map((x) => quantile(x, 0.5));
}

console.log(
  `primitive warm-up: ${cpuFlags()}, Node ${process.version}, OpenSSL ${process.versions.openssl}` +
    `${process.env.OPENSSL_ia32cap ? `, OPENSSL_ia32cap=${process.env.OPENSSL_ia32cap}` : ""}, load average ${loadavg()[0]?.toFixed(2)}`,
);
for (const fn of Object.values(primitives)) for (let i = 0; i < 30; i++) fn();
const results = new Map<string, number[][]>();
for (let r = 0; r < rounds; r++) {
  for (const [name, fn] of Object.entries(primitives))
    results.set(name, [...(results.get(name) ?? []), round(fn)]);
}
console.log(`median of ${rounds} rounds of ${calls} calls per gap (µs per call), and against gap 0:`);
for (const [name, perRound] of results) {
  const at = (g: number): number =>
    quantile(
      perRound.map((r) => r[g] ?? Number.NaN),
      0.5,
    );
  const cells = gaps.map((gap, g) => `gap ${gap} µs: ${at(g).toFixed(0)} (${(at(g) / at(0)).toFixed(2)}×)`);
  console.log(`  ${name.padEnd(22)} ${cells.join("  ")}`);
}
