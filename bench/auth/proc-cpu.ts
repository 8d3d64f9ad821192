import { readdirSync, readFileSync } from "node:fs";

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name: state is field 3 (index 0 here), ppid field 4.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // exited meanwhile
  }
}

/** CPU time (user + system) a Linux process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const fields = statFields(pid);
  if (!fields) throw new Error(`no process ${pid}`);
  // utime and stime are fields 14 and 15 (1-based).
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // CLK_TCK is 100 on Linux
}

/** The live descendants of `pid` (a server's cluster workers), from the ppid field of /proc/<n>/stat. */
export function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const fields = statFields(Number(name));
    if (fields) parent.set(Number(name), Number(fields[1]));
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const [child, pp] of parent) {
      if (pp === p) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return out;
}

/** CPU ms of a server and all its workers (`--workers N` forks them with node:cluster). */
export function treeCpuMs(pid: number): number {
  let total = cpuMs(pid);
  for (const p of descendants(pid)) {
    const fields = statFields(p);
    if (fields) total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  }
  return total;
}
