/**
 * Proves the oracle test's power on this machine, independent of hushpool: two identical request
 * classes against a trivial server must PASS, and the same run against a second server that
 * busy-waits `--delay` µs on one class must be DETECTED. Also measures the client's loopback
 * overhead with runLoad.
 *
 *   npx tsx bench/lib/self-check.ts [--samples 1000] [--warmup 200] [--delay 20]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createClient } from "./http-client.ts";
import { printLoad, runLoad } from "./load.ts";
import { type OracleResult, printOracle, printOracleWithControl, runOracle } from "./oracle.ts";
import { type ServerProcess, startServerProcess } from "./server.ts";

const { values } = parseArgs({
  options: {
    samples: { type: "string", default: "1000" },
    warmup: { type: "string", default: "200" },
    delay: { type: "string", default: "20" },
  },
});
const samplesPerClass = Number(values.samples);
const warmup = Number(values.warmup);
const delayMicros = Number(values.delay);
const client = createClient({ maxSockets: 8 });
const dataDir = mkdtempSync(join(tmpdir(), "hushpool-selfcheck-"));
const entry = "bench/lib/fixtures/echo-server.ts";

async function oracleAgainst(srv: ServerProcess, delay: number): Promise<OracleResult> {
  const send = (operation: string) => async (): Promise<void> => {
    await client.call(srv.baseUrl, operation, { Username: "someone" });
  };
  return runOracle({
    name: "self-check: PathA vs PathB on an echo server",
    classes: [
      { label: "PathA", send: send("PathA") },
      { label: "PathB", send: send("PathB") },
    ],
    samplesPerClass,
    warmup,
    delayMicros: delay,
  });
}

const plain = await startServerProcess({ dataDir, entry });
const slowed = await startServerProcess({
  dataDir,
  entry,
  args: ["--bench-delay-micros", String(delayMicros), "--bench-delay-path", "PathB"],
});
try {
  const real = await oracleAgainst(plain, 0);
  const control = await oracleAgainst(slowed, delayMicros);
  printOracle(real);
  printOracle(control);
  const ok = printOracleWithControl(real, control);
  for (const concurrency of [1, 8]) {
    const load = await runLoad({
      concurrency,
      durationMs: 3000,
      task: async () => {
        await client.call(plain.baseUrl, "PathA", {});
      },
    });
    printLoad(`echo server, concurrency ${concurrency}`, load);
  }
  console.log(`server peak RSS ${plain.rssPeakKb()} kB`);
  process.exitCode = ok ? 0 : 1;
} finally {
  client.close();
  await Promise.all([plain.stop(), slowed.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
}
