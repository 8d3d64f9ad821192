#!/usr/bin/env node
import { resolve } from "node:path";
import { startApp } from "./app.ts";
import { logAttention } from "./attention.ts";
import { helpText, loadConfig } from "./config/config.ts";
import { SeedError } from "./seed/index.ts";
import { StartRefused } from "./server/admin-auth/exposure.ts";

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
  const app = await startApp(config);
  const where = config.databaseUrl ? "PostgreSQL" : resolve(config.data, "hushpool.sqlite");
  // The start line stays the first line on stdout (tools wait for it); the attention record follows.
  process.stdout.write(`hushpool listening on ${app.url} (data: ${where})\n`);
  logAttention(app.services.log, app.attention);
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

main().catch((e: unknown) => {
  if (e instanceof StartRefused || e instanceof SeedError) {
    process.stderr.write(`hushpool refused to start: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`hushpool failed to start: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
