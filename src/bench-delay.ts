import { AsyncLocalStorage } from "node:async_hooks";
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

/**
 * Control delay owed by a request answered at a time floor (src/server/time-floor.ts). A delay
 * spent before the floor would be hidden by it, and the control would prove nothing about the
 * instrument; so inside a floored request the probe only notes the delay here, and the server spends
 * it after the floor, just before the answer goes out (docs/measuring.md#the-positive-control-and-why-it-must-be-server-side).
 */
const owed = new AsyncLocalStorage<{ micros: number }>();

/** Runs `work` noting, instead of spending, the control delays it triggers; `owed()` tells their sum. */
export function deferringControl<T>(work: () => Promise<T>): { done: Promise<T>; owed: () => number } {
  const slot = { micros: 0 };
  return { done: owed.run(slot, work), owed: () => slot.micros };
}

/** A probe that busy-waits `micros` in every existence decision on the state `path`. */
export function benchDelayProbe({ micros, path }: BenchDelaySettings): Probe {
  return {
    existenceDecision(state) {
      if (state !== path) return;
      const slot = owed.getStore();
      if (slot) slot.micros += micros;
      else busyWaitMicros(micros);
    },
  };
}
