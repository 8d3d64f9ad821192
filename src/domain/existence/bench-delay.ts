/**
 * The server-side positive control of the timing-oracle benchmarks (docs/measuring.md, no-oracle.md
 * rule 5). OFF unless both variables are set when the process starts:
 *
 *   HUSHPOOL_BENCH_DELAY_MICROS=20          how long to busy-wait, in microseconds
 *   HUSHPOOL_BENCH_DELAY_PATH=unknown-user  the path label to slow down
 *
 * The existence table calls `benchDelay(state)` on every decision, so the labels are its state names
 * (`unknown-user`, `disabled-user`, `no-verified-contact`, …; see ./types.ts); other modules may call
 * `benchDelay("<their label>")` on their own branches. The environment is read once, at import; when
 * unset, a call costs one comparison.
 *
 * It busy-waits on purpose: a timer would yield the thread and cost the request no CPU, which is not
 * what a slower code path looks like.
 */
export interface BenchDelaySettings {
  micros: number;
  path: string;
}

/** Parses the two variables; null (off) unless both are set and the delay is a positive number. */
export function parseBenchDelay(env: Record<string, string | undefined>): BenchDelaySettings | null {
  const micros = Number(env.HUSHPOOL_BENCH_DELAY_MICROS ?? "");
  const path = env.HUSHPOOL_BENCH_DELAY_PATH ?? "";
  if (!(Number.isFinite(micros) && micros > 0) || path === "") return null;
  return { micros, path };
}

const settings = parseBenchDelay(process.env);
const MICROS = settings?.micros ?? 0;
const PATH = settings?.path ?? "";

/** The active settings (null when off), for startup logs and tests. */
export const benchDelaySettings = (): BenchDelaySettings | null => settings;

/** Spins the CPU for `micros` microseconds. */
export function busyWaitMicros(micros: number): void {
  const end = process.hrtime.bigint() + BigInt(Math.round(micros * 1000));
  while (process.hrtime.bigint() < end) {
    // spin
  }
}

/** Busy-waits the configured time when `label` is the configured path; otherwise returns at once. */
export function benchDelay(label: string): void {
  if (MICROS > 0 && label === PATH) busyWaitMicros(MICROS);
}
