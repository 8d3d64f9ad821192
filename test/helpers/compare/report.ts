import type { Difference } from "./compare.ts";
import type { CaseResult } from "./runner.ts";

/**
 * Findings as a to-do list: per operation, each distinct set of differences once, with the
 * (state @ pool) cases that show it. Header differences that only repeat the body's (the error
 * type and message headers, and the header list an error adds) are left out of the grouping key.
 */
const ECHO_HEADERS = new Set(["x-amzn-errortype", "x-amzn-errormessage"]);
const cut = (s: string, n = 140): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export const describeDifference = (d: Difference): string =>
  `${d.step ? `[${d.step}] ` : ""}${d.aspect}${d.path ? ` ${d.path}` : ""}: known ${cut(d.known)} | unknown ${cut(d.unknown)}`;

function signature(ds: Difference[]): string {
  const bodyish = ds.filter((d) => d.aspect !== "header-names" && !ECHO_HEADERS.has(d.path));
  const keep = bodyish.length > 0 ? bodyish : ds;
  return keep
    .map((d) => describeDifference({ ...d, step: d.step.replace(/\d+$/, "n") }))
    .filter((line, i, all) => all.indexOf(line) === i)
    .join("\n      ");
}

export function findingsReport(results: readonly CaseResult[]): string {
  const byOp = new Map<string, Map<string, string[]>>();
  for (const r of results) {
    if (r.differences.length === 0) continue;
    const groups = byOp.get(r.operation) ?? new Map<string, string[]>();
    byOp.set(r.operation, groups);
    const sig = signature(r.differences);
    groups.set(sig, [...(groups.get(sig) ?? []), `${r.state}@${r.pool}`]);
  }
  const lines: string[] = [];
  for (const [op, groups] of byOp) {
    lines.push(`${op}:`);
    for (const [sig, cases] of groups) lines.push(`  - ${cases.join(", ")}\n      ${sig}`);
  }
  return lines.join("\n");
}

export const countCases = (results: readonly CaseResult[]): number =>
  results.filter((r) => r.differences.length > 0).length;
