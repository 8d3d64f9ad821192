import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import type { Logger } from "pino";
import type { Config } from "./config/config.ts";

/**
 * Every core (docs/scaling.md#workers): `--workers N` processes serve the same port through
 * node:cluster, each a whole server (its own store connection, services and HTTP server) on the one
 * database, exactly like several nodes on one PostgreSQL database, or several processes on one SQLite
 * file in WAL mode. The primary opens no port: it prepares the storage once (migrations, the secret
 * seed, the token keys, `--seed`), forks the workers, hands them connections (round-robin on Linux),
 * replaces a worker that dies, and stops them on SIGTERM/SIGINT.
 *
 * Background work runs once per node: worker 1 runs the housekeeping timers (sweeps and the periodic
 * outbox drain). Each worker still kicks a drain right after it writes a message, so delivery does
 * not wait for worker 1; leases keep two drains from sending a row twice (docs/scaling.md).
 */

/** The environment variable that tells a worker its place (1..N); worker 1 runs the housekeeping. */
export const WORKER_INDEX_ENV = "HUSHPOOL_WORKER_INDEX";

/** The number of workers `config` asks for: 0 means one per core; an in-memory SQLite store cannot be shared. */
export function workerCount(config: Pick<Config, "workers" | "data" | "databaseUrl">): number {
  if (!config.databaseUrl && config.data === ":memory:") return 1;
  return config.workers === 0 ? availableParallelism() : config.workers;
}

/** In a worker: its index (1..N); 0 when this process is the whole server. */
export function workerIndex(): number {
  if (!cluster.isWorker) return 0;
  return Number(process.env[WORKER_INDEX_ENV] ?? "1");
}

/** In a worker, once listening: tells the primary the URL. */
export function reportListening(url: string): void {
  process.send?.({ hushpool: "listening", url });
}

export interface Workers {
  /** The URL the workers listen on (all the same: one port). */
  url: string;
  /** SIGTERM to every worker; resolves when all have exited (true when all exited cleanly). */
  stop(): Promise<boolean>;
}

/** A replacement for a crashed worker is forked at most this often, so a crash loop cannot spin. */
const RESPAWN_GAP_MS = 1000;

/** In the primary: forks `n` workers and resolves once every one listens; rejects if one dies first. */
export function forkWorkers(n: number, log: Logger): Promise<Workers> {
  const live = new Map<number, Worker>();
  let stopping = false;
  let started = false;
  let lastRespawn = 0;

  const fork = (index: number): Worker => {
    const w = cluster.fork({ [WORKER_INDEX_ENV]: String(index) });
    live.set(index, w);
    w.once("exit", (code, signal) => {
      if (live.get(index) === w) live.delete(index);
      if (stopping || !started) return;
      log.warn({ worker: index, code, signal }, "worker exited; starting a replacement");
      const wait = Math.max(0, lastRespawn + RESPAWN_GAP_MS - Date.now());
      lastRespawn = Date.now() + wait;
      setTimeout(() => {
        if (!stopping) fork(index);
      }, wait);
    });
    return w;
  };

  const stop = async (): Promise<boolean> => {
    stopping = true;
    const exits = [...live.values()].map(
      (w) =>
        new Promise<boolean>((resolve) => {
          if (w.isDead()) return resolve(w.process.exitCode === 0);
          w.once("exit", (code) => resolve(code === 0));
          w.process.kill("SIGTERM");
        }),
    );
    return (await Promise.all(exits)).every(Boolean);
  };

  return new Promise((resolve, reject) => {
    let url = "";
    let listening = 0;
    for (let i = 1; i <= n; i++) {
      const w = fork(i);
      w.on("message", (m: unknown) => {
        if (started || !isListening(m)) return;
        url = m.url;
        if (++listening === n) {
          started = true;
          resolve({ url, stop });
        }
      });
      w.once("exit", (code, signal) => {
        if (started || stopping) return;
        void stop().then(() =>
          reject(new Error(`worker ${i} exited before listening (code ${code}, signal ${signal})`)),
        );
      });
    }
  });
}

function isListening(m: unknown): m is { hushpool: "listening"; url: string } {
  return (
    typeof m === "object" &&
    m !== null &&
    (m as { hushpool?: unknown }).hushpool === "listening" &&
    typeof (m as { url?: unknown }).url === "string"
  );
}
