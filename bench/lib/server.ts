/**
 * Starts a hushpool server as a child process for benchmarks, so that its CPU, heap and GC are not
 * shared with the load generator and its peak RSS can be read from /proc. Contract with src/main.ts:
 * the server prints one startup line on stdout containing `http://<host>:<port>`.
 *
 * By default the server is the built one, `node dist/main.js`, as `npm start` runs it in production:
 * the sources are compiled first (`tsc -p tsconfig.build.json`, incremental, once per bench process),
 * so a bench never measures a stale build. Running the sources through tsx (`--import tsx src/main.ts`)
 * costs startup time, not CPU per request (docs/performance.md#near-the-floor); set
 * HUSHPOOL_BENCH_ENTRY=src/main.ts to measure that way anyway.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUILT_ENTRY = "dist/main.js";
const built = new Set<string>();

/** Compiles `root`'s sources into dist/ (incremental: seconds when nothing changed), once per process. */
export function ensureBuilt(root: string = REPO_ROOT): void {
  if (built.has(root)) return;
  const tsc = join(REPO_ROOT, "node_modules/typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`build failed in ${root}:\n${r.stdout}${r.stderr}`);
  built.add(root);
}
/** `http://host:port` anywhere in a line (plain text or a JSON log); host may be a bracketed IPv6. */
const URL_IN_LINE = /http:\/\/(\[[0-9a-fA-F:.]+\]|[^\s"',/:[\]]+):(\d+)/;
const TAIL_CHARS = 8192;

export interface ServerProcessOptions {
  dataDir: string;
  /** Added to the parent's environment, e.g. HUSHPOOL_LOG_LEVEL. */
  env?: Record<string, string>;
  /**
   * Extra server flags, after the defaults (a repeated flag is resolved by the server), e.g.
   * `--bench-delay-micros 20 --bench-delay-path unknown-user` for a positive control.
   */
  args?: string[];
  /** Node flags before the entry script, e.g. `--cpu-prof` (bench/profile-signin.ts). */
  nodeArgs?: string[];
  /**
   * Entry script relative to `root` (default dist/main.js, built first; HUSHPOOL_BENCH_ENTRY overrides).
   * A `.ts` entry runs through tsx.
   */
  entry?: string;
  /** The repository (or unpacked tree) the server runs from (default this one), e.g. an older build for an A/B run. */
  root?: string;
  /** How long to wait for the startup line (default 120 s: workers each load the code, and the machine may be busy). */
  startTimeoutMs?: number;
}

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
  stop(): Promise<void>;
  /** Peak resident set size (VmHWM) in kB, from /proc/<pid>/status; call before stop(). */
  rssPeakKb(): number;
}

/** Reads VmHWM (peak RSS, kB) of a live Linux process. */
export function readVmHwmKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  if (!m?.[1]) throw new Error(`VmHWM not found in /proc/${pid}/status`);
  return Number(m[1]);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited(child);
  clearTimeout(timer);
}

export function startServerProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  const root = opts.root ?? REPO_ROOT;
  const entry = opts.entry ?? process.env.HUSHPOOL_BENCH_ENTRY ?? BUILT_ENTRY;
  if (entry === BUILT_ENTRY) ensureBuilt(root);
  const script = isAbsolute(entry) ? entry : join(root, entry);
  const args = [
    ...(opts.nodeArgs ?? []),
    // tsx's loader for sources; its --import resolves from the root's node_modules
    ...(entry.endsWith(".ts") ? ["--import", "tsx"] : []),
    script,
    "--port",
    "0",
    "--data",
    opts.dataDir,
  ];
  // Quotas off: benches send far more than Cognito's rates; a bench that wants them adds its own
  // --quota items, which the server applies after this one.
  // One worker unless the bench passes --workers (later flags win): figures stay comparable with
  // earlier runs of one process.
  args.push("--log-level", "warn", "--quota", "off", "--workers", "1", ...(opts.args ?? []));
  // HUSHPOOL_BENCH_SERVER_CPUS pins the server to CPUs (taskset's list, e.g. "1") so that on a small
  // machine the load generator (pin it with `taskset -c 0 npx tsx bench/…`) and the server do not
  // preempt each other: docs/measuring.md#pinning.
  const cpus = process.env.HUSHPOOL_BENCH_SERVER_CPUS;
  const [command, argv] = cpus
    ? ["taskset", ["-c", cpus, process.execPath, ...args]]
    : [process.execPath, args];
  const child = spawn(command, argv, {
    cwd: root,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Keep the tail of the output for error messages; both pipes are always drained so that a chatty
  // server can never block on a full pipe in the middle of a measurement.
  let tail = "";
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString("utf8")).slice(-TAIL_CHARS);
  };
  child.stderr?.on("data", keep);

  return new Promise((resolve, reject) => {
    let pending = "";
    let done = false;
    const fail = (why: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void stopChild(child);
      reject(new Error(`hushpool server did not start: ${why}\n--- output tail ---\n${tail}`));
    };
    const timer = setTimeout(
      () => fail(`no startup line within ${opts.startTimeoutMs ?? 120000} ms`),
      opts.startTimeoutMs ?? 120000,
    );
    child.once("error", (err) => fail(err.message));
    child.once("exit", (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    child.stdout?.on("data", (chunk: Buffer) => {
      keep(chunk);
      if (done) return;
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const found = URL_IN_LINE.exec(line);
        if (!found) continue;
        done = true;
        clearTimeout(timer);
        const pid = child.pid ?? 0;
        resolve({
          baseUrl: `http://${found[1]}:${found[2]}`,
          pid,
          stop: () => stopChild(child),
          rssPeakKb: () => readVmHwmKb(pid),
        });
        return;
      }
    });
  });
}
