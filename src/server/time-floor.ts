import { busyWaitMicros, deferringControl } from "../bench-delay.ts";

/**
 * Holds an answer until `floorMs` after `startedAt` (performance.now() at arrival), whatever the work
 * did: docs/existence.md#the-time-floor, src/domain/existence/time-floor.ts for which operations.
 *
 * How it waits. Timers first: Node arms a timer from the event loop's cached time, which lags by
 * however long the current turn has run, so a timer can fire early by exactly the work just done —
 * the very difference the floor hides; the loop re-reads the clock after each one. Timers are also
 * coarse (a millisecond grid, late by up to a millisecond or more), which would both blur the answer
 * time and make the benchmarks' 20 µs positive control invisible. So the timers stop SPIN_MS short
 * of the deadline and the last stretch polls the clock once per event-loop turn (setImmediate):
 * the answer leaves within microseconds of the deadline, and other requests keep being served
 * during the poll. The poll costs up to SPIN_MS of CPU per floored request, on rare operations that
 * the request-rate quotas bound.
 *
 * Errors wait too: a refusal (CodeMismatchException, …) leaves at the floor like a success.
 */
/** How long before the deadline the timers hand over to polling, in ms. */
const SPIN_MS = 1.5;

export async function heldToFloor<T>(startedAt: number, floorMs: number, work: () => Promise<T>): Promise<T> {
  const control = deferringControl(work);
  const settled = await control.done.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const deadline = startedAt + floorMs;
  for (let left = deadline - performance.now(); left >= SPIN_MS + 1; left = deadline - performance.now()) {
    await new Promise<void>((resolve) => setTimeout(resolve, Math.floor(left - SPIN_MS)));
  }
  while (performance.now() < deadline) await new Promise<void>((resolve) => setImmediate(resolve));
  // The benchmarks' positive control, when it is on, is spent here (src/bench-delay.ts).
  const micros = control.owed();
  if (micros > 0) busyWaitMicros(micros);
  if (settled.ok) return settled.value;
  throw settled.error;
}
