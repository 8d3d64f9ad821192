import { type Config, loadConfig } from "./config/config.ts";
import type { Probe } from "./probe.ts";

/**
 * The server-side positive control of the timing-oracle benchmarks (docs/measuring.md). OFF unless
 * the server starts with both options (flags or their environment twins, src/config/config.ts):
 *
 *   --bench-delay-micros 20            HUSHPOOL_BENCH_DELAY_MICROS   how long to busy-wait, in µs
 *   --bench-delay-path unknown-user    HUSHPOOL_BENCH_DELAY_PATH     the user state to slow down
 *
 * When on, src/app.ts installs `benchDelayProbe` as the services' probe (and logs a warning): every
 * existence decision reports its state, so the labels are the state names (`unknown-user`,
 * `disabled-user`, `no-verified-contact`, …; src/domain/existence/types.ts).
 *
 * It busy-waits on purpose: a timer would yield the thread and cost the request no CPU, which is not
 * what a slower code path looks like.
 */
export interface BenchDelaySettings {
  micros: number;
  path: string;
}

/** The delay a configuration asks for: null (off) unless the delay is a positive number and a path is named. */
export function benchDelayOf(
  config: Pick<Config, "benchDelayMicros" | "benchDelayPath">,
): BenchDelaySettings | null {
  const micros = config.benchDelayMicros;
  if (!(Number.isFinite(micros) && micros > 0) || config.benchDelayPath === "") return null;
  return { micros, path: config.benchDelayPath };
}

/** The delay the environment twins alone ask for (no flags); by default, this process's environment. */
export function parseBenchDelay(
  env: Record<string, string | undefined> = process.env,
): BenchDelaySettings | null {
  const config = loadConfig([], env);
  return config === "help" ? null : benchDelayOf(config);
}

/** Spins the CPU for `micros` microseconds. */
export function busyWaitMicros(micros: number): void {
  const end = process.hrtime.bigint() + BigInt(Math.round(micros * 1000));
  while (process.hrtime.bigint() < end) {
    // spin
  }
}

/** A probe that busy-waits `micros` in every existence decision on the state `path`. */
export function benchDelayProbe({ micros, path }: BenchDelaySettings): Probe {
  return {
    existenceDecision(state) {
      if (state === path) busyWaitMicros(micros);
    },
  };
}
