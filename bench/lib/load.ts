/**
 * Closed-loop throughput: `concurrency` workers each run one task at a time, back to back, until a
 * task count or a duration is reached. Reports ops/s over the wall time and per-task latency (µs).
 */
import { type Summary, summary } from "./stats.ts";

export interface LoadOptions {
  concurrency: number;
  /** Stop after this many tasks in all (exactly this many run)… */
  total?: number;
  /** …or stop starting new tasks after this many milliseconds. One of the two is required. */
  durationMs?: number;
  /** Runs task number i (0, 1, 2, … across all workers). A rejection aborts the whole run. */
  task: (i: number) => Promise<void>;
}

export interface LoadResult {
  ops: number;
  seconds: number;
  opsPerSec: number;
  /** Per-task latency in microseconds. */
  latency: Summary;
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const { concurrency, total, durationMs, task } = opts;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new RangeError("concurrency must be ≥ 1");
  if (total === undefined && durationMs === undefined) throw new RangeError("give total or durationMs");
  const latencies: number[] = [];
  let next = 0;
  let failed = false;
  const start = process.hrtime.bigint();
  const deadline = durationMs === undefined ? undefined : start + BigInt(Math.round(durationMs * 1e6));

  const more = (): boolean => {
    if (failed) return false;
    if (total !== undefined && next >= total) return false;
    return deadline === undefined || process.hrtime.bigint() < deadline;
  };

  async function worker(): Promise<void> {
    while (more()) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      try {
        await task(i);
      } catch (err) {
        failed = true;
        throw err;
      }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }

  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (latencies.length === 0) throw new Error("runLoad completed no task (durationMs too short?)");
  return {
    ops: latencies.length,
    seconds,
    opsPerSec: latencies.length / seconds,
    latency: summary(latencies),
  };
}

/** One line: label, ops, seconds, ops/s, p50 and p99 latency in ms. */
export function printLoad(label: string, r: LoadResult): void {
  const ms = (us: number): string => (us / 1000).toFixed(2);
  console.log(
    `${label}: ${r.ops} ops in ${r.seconds.toFixed(2)} s = ${r.opsPerSec.toFixed(0)} ops/s; ` +
      `latency p50 ${ms(r.latency.p50)} ms, p99 ${ms(r.latency.p99)} ms`,
  );
}
