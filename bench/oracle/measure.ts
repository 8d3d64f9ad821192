/**
 * One flow in one profile: the real run against the plain server and its positive control against
 * the server that busy-waits on the unknown-user path (docs/measuring.md#the-positive-control-and-why-it-must-be-server-side),
 * and the one summary table of bench/oracle-all.ts.
 */
import { execFileSync } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { type OracleClass, type OracleResult, printOracleWithControl, runOracle } from "../lib/oracle.ts";
import type { ExistenceProfile } from "./profile.ts";

export interface FlowResult {
  flow: string;
  profile: ExistenceProfile;
  real: OracleResult;
  control: OracleResult;
  /** Real run passes and control detected. */
  ok: boolean;
}

export interface Sizes {
  samples: number;
  /** Per class for the control run: it only has to show the test has power, so it may be smaller. */
  controlSamples: number;
  warmup: number;
  delayMicros: number;
}

export async function measure(
  flow: string,
  profile: ExistenceProfile,
  classes: { real: readonly [OracleClass, OracleClass]; control: readonly [OracleClass, OracleClass] },
  sizes: Sizes,
): Promise<FlowResult> {
  const name = `${flow} (ENABLED, ${profile}): real user vs unknown name`;
  const real = await runOracle({
    name,
    classes: classes.real,
    samplesPerClass: sizes.samples,
    warmup: sizes.warmup,
  });
  const control = await runOracle({
    name,
    classes: classes.control,
    samplesPerClass: sizes.controlSamples,
    warmup: sizes.warmup,
    delayMicros: sizes.delayMicros,
  });
  const ok = printOracleWithControl(real, control);
  console.log("");
  return { flow, profile, real, control, ok };
}

const t = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : String(x));
const p = (x: number): string => (x < 1e-4 ? x.toExponential(1) : x.toFixed(4));

/** The summary table (Markdown, so it can be pasted into docs/performance.md as printed). */
export function printSummary(results: readonly FlowResult[]): boolean {
  const rows = [
    "| flow | profile | n | Welch t | cropped t | KS p | verdict | control n | control cropped t / KS p | control |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.flow} | ${r.profile} | ${r.real.classes[0].summary.n} | ${t(r.real.welch)} | ${t(r.real.cropped)} | ${p(r.real.ks.p)} | ${r.real.pass ? "PASS" : "FAIL"} | ${r.control.classes[0].summary.n} | ${t(r.control.cropped)} / ${p(r.control.ks.p)} | ${r.control.pass ? "MISSED" : "DETECTED"} |`,
    ),
  ];
  console.log(rows.join("\n"));
  const ok = results.every((r) => r.ok);
  console.log(
    `\n${ok ? "ALL OK" : "NOT OK"}: ${results.filter((r) => r.ok).length} of ${results.length} flows pass with their control detected`,
  );
  return ok;
}

/** What docs/measuring.md#recording-figures asks to record with every figure. */
export function machineLine(): string {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    // not a git checkout
  }
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
  return `commit ${commit}, ${new Date().toISOString()}, ${availableParallelism()} cores, Node ${process.version}, SQLite, load average ${load}`;
}
