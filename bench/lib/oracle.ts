/**
 * The timing-oracle test of docs/measuring.md#the-timing-oracle-test: two request classes (say, a real user with a
 * wrong password and an unknown user), sent one at a time in a random interleaving, timed over
 * loopback, compared with Welch's t (raw and cropped) and Kolmogorov–Smirnov. See docs/measuring.md.
 */
import { randomInt } from "node:crypto";
import { croppedWelchT, type KsResult, ksTest, type Summary, summary, welchT } from "./stats.ts";

/** Pass thresholds from docs/measuring.md#the-timing-oracle-test. */
export const T_LIMIT = 4.5;
export const KS_P_MIN = 0.001;
export const CROP_QUANTILE = 0.9;

export interface OracleClass {
  label: string;
  /** Sends one request and resolves when the whole answer has been read. */
  send: () => Promise<void>;
  /**
   * Untimed, run just before each `send` (warm-up included): the state that request needs, e.g. a
   * fresh challenge session from a flow's first step when only the answer is timed
   * (docs/measuring.md#how-requests-are-sent).
   */
  prepare?: () => Promise<void>;
}

export interface OracleOptions {
  name: string;
  classes: readonly [OracleClass, OracleClass];
  samplesPerClass: number;
  /** Requests per class sent first (same interleaving) and discarded: JIT, caches, socket setup. */
  warmup: number;
  /**
   * The server-side delay (µs) the target server was started with (--bench-delay-micros),
   * recorded in the result so a printed control run says what it should detect. 0 or absent for a
   * real run. The library never injects anything itself: a client-side delay proves nothing.
   */
  delayMicros?: number;
  /** Random integer in [0, max); injectable for deterministic tests. Default: node:crypto randomInt. */
  randomBelow?: (max: number) => number;
}

export interface OracleClassResult {
  label: string;
  /** Latencies in microseconds, in the order they were measured. */
  samples: number[];
  summary: Summary;
}

export interface OracleResult {
  name: string;
  delayMicros: number;
  classes: [OracleClassResult, OracleClassResult];
  welch: number;
  cropped: number;
  ks: KsResult;
  /** True when no oracle was found: |t| < 4.5, |t_cropped| < 4.5 and KS p ≥ 0.001. */
  pass: boolean;
}

/**
 * The order of classes (0/1) for 2·perClass requests: a uniformly random permutation of equal
 * counts (Fisher–Yates). Each position is a fair coin conditioned on the totals, so neither class
 * is ever sent in blocks and neither drifts into a quieter or busier phase of the run.
 */
export function interleaving(perClass: number, randomBelow: (max: number) => number = randomInt): Uint8Array {
  const order = new Uint8Array(2 * perClass);
  order.fill(1, perClass);
  for (let i = order.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

async function timeOne(c: OracleClass): Promise<number> {
  await c.prepare?.();
  const start = process.hrtime.bigint();
  await c.send();
  return Number(process.hrtime.bigint() - start) / 1000;
}

export async function runOracle(opts: OracleOptions): Promise<OracleResult> {
  const { classes, samplesPerClass: n, warmup, randomBelow = randomInt } = opts;
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError("samplesPerClass must be an integer ≥ 2");
  for (const k of interleaving(warmup, randomBelow)) await timeOne(classes[k] as OracleClass);
  const samples: [number[], number[]] = [[], []];
  // One request in flight at a time: concurrency would let one class queue behind the other.
  for (const k of interleaving(n, randomBelow)) {
    (samples[k] as number[]).push(await timeOne(classes[k] as OracleClass));
  }
  const [a, b] = samples;
  const welch = welchT(a, b);
  const cropped = croppedWelchT(a, b, CROP_QUANTILE);
  const ks = ksTest(a, b);
  return {
    name: opts.name,
    delayMicros: opts.delayMicros ?? 0,
    classes: [
      { label: classes[0].label, samples: a, summary: summary(a) },
      { label: classes[1].label, samples: b, summary: summary(b) },
    ],
    welch,
    cropped,
    ks,
    pass: Math.abs(welch) < T_LIMIT && Math.abs(cropped) < T_LIMIT && ks.p >= KS_P_MIN,
  };
}

/** A positive-control run (server started with an injected delay) succeeds when the oracle is DETECTED. */
export function expectDetected(result: OracleResult): boolean {
  return !result.pass;
}

export { printOracle, printOracleWithControl } from "./oracle-print.ts";
