import { readFileSync } from "node:fs";
import { descendants } from "./proc-cpu.ts";

/**
 * Time a Linux process's main thread spent on a CPU and waiting for one (runnable), in ms, from
 * /proc/<pid>/task/<pid>/schedstat (first two fields, ns). The rest of the wall time it slept: for a
 * server worker with requests in hand, time its event loop was blocked (a sleep inside a statement,
 * an fsync) rather than short of work. Only the main thread, which runs the event loop, counts.
 */
export function mainThreadSched(pid: number): { runMs: number; waitMs: number } | null {
  try {
    const [run = "0", wait = "0"] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8")
      .trim()
      .split(" ");
    return { runMs: Number(run) / 1e6, waitMs: Number(wait) / 1e6 };
  } catch {
    return null; // exited meanwhile
  }
}

/** The server's request-serving processes: its workers, or the server itself when it has none. */
export function servingPids(serverPid: number): number[] {
  const workers = descendants(serverPid);
  return workers.length > 0 ? workers : [serverPid];
}

/** Sum of `mainThreadSched` over `pids` (those still alive). */
export function schedSum(pids: number[]): { runMs: number; waitMs: number } {
  let runMs = 0;
  let waitMs = 0;
  for (const p of pids) {
    const s = mainThreadSched(p);
    if (s) {
      runMs += s.runMs;
      waitMs += s.waitMs;
    }
  }
  return { runMs, waitMs };
}
