import assert from "node:assert/strict";
import { test } from "node:test";
import { loadConfig, logsCodes } from "../../src/config/config.ts";

/** docs/security.md#secrets-at-rest: codes reach the log only when asked, or by default on loopback. */
const config = (argv: string[]) => {
  const c = loadConfig(argv, {});
  assert.ok(c !== "help");
  return c;
};

test("--log-codes auto (the default) is on only for a loopback listener", () => {
  for (const host of ["127.0.0.1", "127.1.2.3", "::1", "localhost"])
    assert.equal(logsCodes(config(["--host", host])), true, host);
  for (const host of ["0.0.0.0", "::", "10.0.0.5", "hushpool.example.com", "127.0.0.1.example.com"])
    assert.equal(logsCodes(config(["--host", host])), false, host);
});

test("--log-codes on and off win over the listen address; other values are refused", () => {
  assert.equal(logsCodes(config(["--host", "0.0.0.0", "--log-codes", "on"])), true);
  assert.equal(logsCodes(config(["--log-codes", "off"])), false);
  assert.equal(logsCodes({ ...config([]), ...{ logCodes: "auto" as const } }), true);
  assert.throws(() => loadConfig(["--log-codes", "yes"], {}), /--logCodes|log-codes|logCodes/);
  assert.equal(logsCodes(config([])), true, "default host 127.0.0.1");
  const env = loadConfig([], { HUSHPOOL_LOG_CODES: "off" });
  assert.ok(env !== "help" && !logsCodes(env));
});

test("--log-codes auto is off when the development endpoints are turned off", () => {
  assert.equal(logsCodes(config(["--dev-endpoints", "off"])), false);
  assert.equal(logsCodes(config(["--dev-endpoints", "on"])), true);
  assert.equal(logsCodes(config(["--host", "0.0.0.0", "--dev-endpoints", "on"])), false);
});
