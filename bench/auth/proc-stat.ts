import { readFileSync } from "node:fs";

/**
 * The machine's CPU time so far, in clock ticks summed over all cores, from the `cpu` line of
 * /proc/stat: `idle` is idle + iowait, `total` every field up to steal (guest time is already
 * counted in user). The difference of two readings gives the machine's idle share over a run.
 */
export function machineTimes(): { idle: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
  const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
  return { idle: idle + iowait, total: user + nice + system + idle + iowait + irq + softirq + steal };
}
