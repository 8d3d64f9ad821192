import { type Config, loadConfig } from "../../src/config/config.ts";

/**
 * A server config for tests and benchmarks: the defaults, a free port, no logging, request-rate
 * quotas off (tests and benches run far above Cognito's rates; a quota test passes its own `quota`),
 * one worker (tests start many servers at once; a workers test asks for more), then `overrides`.
 */
export function testConfig(overrides: Partial<Config>): Config {
  const c = loadConfig([], {});
  if (c === "help") throw new Error("unreachable");
  return { ...c, port: 0, logLevel: "silent", quota: "off", workers: 1, ...overrides };
}
