/**
 * Prints the cryptographic floor of a sign-in on this machine (bench/lib/floor.ts says what is in it).
 * CPU time, not wall time, so a shared machine moves it little; re-run on a quiet machine for figures.
 *
 *   npx tsx bench/floor.ts [--rows 100000] [--scale 1]
 */
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { measureFloor, printFloor } from "./lib/floor.ts";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "100000" }, scale: { type: "string", default: "1" } },
});
const load = (await import("node:os")).loadavg()[0]?.toFixed(2);
console.log(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model}), load average ${load}`);
printFloor(measureFloor({ rows: Number(values.rows), scale: Number(values.scale) }));
