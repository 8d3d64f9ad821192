import type { Json } from "../ports.ts";

/**
 * Parsed pool and client configurations, keyed by their stored text. Every public request reads its
 * client and pool rows (a sign-in both, an SRP sign-in twice), and parsing the pool's JSON, which
 * carries the whole attribute schema, cost about 1 % of a sign-in's CPU
 * (docs/performance.md#near-the-floor).
 *
 * The key is the text the row holds, which the read returns anyway: a change made by any worker or
 * node is other text, so it can never be answered from here (no version to trust, no invalidation to
 * miss), and equal text parses to an equal value. The value is shared by every request that reads the
 * same text, so it is frozen all the way down: code that tried to change a configuration in place
 * would throw instead of changing it for everyone (configurations change by writing a new one).
 * Bounded: past MAX entries the map starts again, and a miss costs only the parse it replaces.
 */
const MAX = 512;
const parsed = new Map<string, Json>();

export function parsedConfig(text: string): Json {
  let value = parsed.get(text);
  if (value === undefined) {
    value = deepFreeze(JSON.parse(text) as Json);
    if (parsed.size >= MAX) parsed.clear();
    parsed.set(text, value);
  }
  return value;
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === "object" && !Object.isFrozen(v)) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}
