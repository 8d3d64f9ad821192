import { type Config, loadConfig } from "../../src/config/config.ts";

/** A server config for tests and benchmarks: the defaults, a free port, no logging, then `overrides`. */
export function testConfig(overrides: Partial<Config>): Config {
  const c = loadConfig([], {});
  if (c === "help") throw new Error("unreachable");
  return { ...c, port: 0, logLevel: "silent", ...overrides };
}
