/** Compact console tables for oracle results (bench/lib/oracle.ts). Latencies are printed in µs. */
import type { OracleResult } from "./oracle.ts";

const us = (x: number): string => x.toFixed(1).padStart(9);
const stat = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : String(x)).padStart(8);
const pval = (p: number): string => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4)).padStart(8);

function classLines(r: OracleResult): string[] {
  const head = `  ${"class".padEnd(28)} ${"n".padStart(6)} ${["mean", "p50", "p90", "p99", "min", "max"].map((h) => h.padStart(9)).join(" ")}`;
  const rows = r.classes.map((c) => {
    const s = c.summary;
    return `  ${c.label.slice(0, 28).padEnd(28)} ${String(s.n).padStart(6)} ${[s.mean, s.p50, s.p90, s.p99, s.min, s.max].map(us).join(" ")}`;
  });
  return [head, ...rows];
}

function verdictLine(r: OracleResult): string {
  return `  welch t ${stat(r.welch)}   cropped t ${stat(r.cropped)}   KS D ${r.ks.d.toFixed(4)} p ${pval(r.ks.p)}`;
}

/** Prints one run: per-class latency summary (µs), the three statistics and PASS/FAIL. */
export function printOracle(r: OracleResult): void {
  const injected = r.delayMicros > 0 ? ` (server-side delay ${r.delayMicros} µs)` : "";
  console.log(`oracle: ${r.name}${injected}`);
  for (const line of classLines(r)) console.log(line);
  console.log(verdictLine(r));
  console.log(`  ${r.pass ? "PASS (no oracle detected)" : "FAIL (oracle detected)"}`);
}

/**
 * Prints the real run and its positive control side by side. The pair is OK only when the real run
 * passes AND the control is detected: a control that also passes means the test had no power.
 * Returns that verdict so a bench can set its exit code.
 */
export function printOracleWithControl(real: OracleResult, control: OracleResult): boolean {
  const controlDetected = !control.pass;
  const rows: [string, string, string][] = [
    ["", "real", `control (+${control.delayMicros} µs)`],
    ...real.classes.map((c, i): [string, string, string] => {
      const k = control.classes[i];
      return [`mean µs ${c.label}`, c.summary.mean.toFixed(1), k ? k.summary.mean.toFixed(1) : "-"];
    }),
    ...real.classes.map((c, i): [string, string, string] => {
      const k = control.classes[i];
      return [`p50 µs ${c.label}`, c.summary.p50.toFixed(1), k ? k.summary.p50.toFixed(1) : "-"];
    }),
    ["welch t", stat(real.welch).trim(), stat(control.welch).trim()],
    ["cropped t", stat(real.cropped).trim(), stat(control.cropped).trim()],
    ["KS p", pval(real.ks.p).trim(), pval(control.ks.p).trim()],
    ["verdict", real.pass ? "PASS" : "FAIL", controlDetected ? "DETECTED" : "MISSED"],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`oracle: ${real.name}`);
  for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c.padStart(20)}`);
  const ok = real.pass && controlDetected;
  const why = !real.pass
    ? "oracle detected"
    : !controlDetected
      ? "control not detected: test lacks power"
      : "";
  console.log(`  ${ok ? "OK" : `NOT OK (${why})`}`);
  return ok;
}
