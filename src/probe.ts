import type { UserState } from "./domain/existence/types.ts";

/**
 * Observation points on the request path, for benchmarks and tests only (docs/measuring.md). The
 * server runs with the empty probe, so each point costs one property check; a unit test installs a
 * counting probe in its services (`{ ...services, probe }`), and a benchmark's server installs the
 * busy-wait delay of ./bench-delay.ts with `--bench-delay-micros` / `--bench-delay-path`.
 */
export interface Probe {
  /** Every existence decision, with the user state it looked up (docs/existence.md). */
  existenceDecision?(state: UserState): void;
  /** After each piece of the flows' SRP work: how many modular exponentiations it performed. */
  modExps?(count: number): void;
}

/** The production probe: observes nothing. */
export const NO_PROBE: Probe = Object.freeze({});
