#!/usr/bin/env node
import cluster from "node:cluster";
import { resolve } from "node:path";
import { startApp } from "./app.ts";
import { logAttention } from "./attention.ts";
import { type Config, helpText, loadConfig } from "./config/config.ts";
import { SeedError } from "./seed/index.ts";
import { StartRefused } from "./server/admin-auth/exposure.ts";
import { forkWorkers, reportListening, workerCount, workerIndex } from "./workers.ts";

/** `npm start` / `hushpool`: parse options, start, print one line, stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  if (process.argv[2] === "export") {
    const { runExport } = await import("./cli/export.ts");
    return runExport(process.argv.slice(3));
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.argv.slice(2), process.env);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${helpText()}`);
    process.exit(2);
  }
  if (config === "help") {
    process.stdout.write(helpText());
    return;
  }
  const where = config.databaseUrl ? "PostgreSQL" : resolve(config.data, "hushpool.sqlite");
  const workers = workerCount(config);
  if (cluster.isPrimary && workers > 1) return primary(config, workers, where);
  const index = workerIndex();
  // A worker: the primary applied the seed; worker 1 runs the housekeeping (src/workers.ts).
  const app = await startApp(config, index === 0 ? {} : { seed: false, housekeeping: index === 1 });
  if (index !== 0) {
    reportListening(app.url);
    stopOnSignals(app);
    return;
  }
  // The start line stays the first line on stdout (tools wait for it); the attention record follows.
  process.stdout.write(`hushpool listening on ${app.url} (data: ${where})\n`);
  logAttention(app.services.log, app.attention);
  stopOnSignals(app);
}

function stopOnSignals(app: Awaited<ReturnType<typeof startApp>>): void {
  const stop = (signal: string) => {
    app.services.log.info({ signal }, "shutting down");
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

/**
 * `--workers N` (N > 1): prepare the storage once in this process without opening the port, then fork
 * the workers; the start line comes once all of them listen (docs/scaling.md#workers).
 */
async function primary(config: Config, n: number, where: string): Promise<void> {
  const prepared = await startApp(config, { listen: false, housekeeping: false });
  await prepared.close();
  const log = prepared.services.log;
  const workers = await forkWorkers(n, log);
  process.stdout.write(`hushpool listening on ${workers.url} (data: ${where}, workers: ${n})\n`);
  logAttention(log, prepared.attention);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    workers.stop().then(
      (clean) => process.exit(clean ? 0 : 1),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((e: unknown) => {
  if (e instanceof StartRefused || e instanceof SeedError) {
    process.stderr.write(`hushpool refused to start: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`hushpool failed to start: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
