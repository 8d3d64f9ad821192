/**
 * The probe seam (src/probe.ts): the server runs with the empty probe unless the positive control of
 * docs/measuring.md is asked for, and every existence decision of a real operation reaches the probe
 * in the services it was given.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { benchDelayOf, benchDelayProbe } from "../../src/bench-delay.ts";
import { loadConfig } from "../../src/config/config.ts";
import type { UserState } from "../../src/domain/existence/index.ts";
import { forgotPassword } from "../../src/operations/forgot-password.ts";
import { NO_PROBE } from "../../src/probe.ts";
import { type PoolWithClients, poolWithClients } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let plain: TestServer;
let slowed: TestServer;
let p: PoolWithClients;

before(async () => {
  plain = await startTestServer();
  slowed = await startTestServer({ benchDelayMicros: 5000, benchDelayPath: "unknown-user" });
  p = await poolWithClients(plain);
});
after(async () => {
  await plain.stop();
  await slowed.stop();
});

test("the flags and their environment twins configure the delay; flags win", () => {
  const flags = ["--bench-delay-micros", "20", "--bench-delay-path", "unknown-user"];
  const fromFlags = loadConfig(flags, { HUSHPOOL_BENCH_DELAY_MICROS: "7" });
  assert.notEqual(fromFlags, "help");
  if (fromFlags === "help") return;
  assert.deepEqual(benchDelayOf(fromFlags), { micros: 20, path: "unknown-user" });
  const fromEnv = loadConfig([], { HUSHPOOL_BENCH_DELAY_MICROS: "7", HUSHPOOL_BENCH_DELAY_PATH: "x" });
  assert.notEqual(fromEnv, "help");
  if (fromEnv !== "help") assert.deepEqual(benchDelayOf(fromEnv), { micros: 7, path: "x" });
});

test("a server runs with the empty probe unless the delay is configured", () => {
  assert.equal(plain.app.services.probe, NO_PROBE);
  assert.equal(typeof slowed.app.services.probe.existenceDecision, "function");
  assert.equal(slowed.app.services.probe.modExps, undefined);
});

test("the delay probe busy-waits the configured time on its path", () => {
  const probe = benchDelayProbe({ micros: 5000, path: "unknown-user" });
  const started = process.hrtime.bigint();
  probe.existenceDecision?.("unknown-user");
  assert.ok(process.hrtime.bigint() - started >= 5_000_000n);
});

test("an operation reports its existence decision to the probe of its services", async () => {
  const seen: UserState[] = [];
  const services = { ...plain.app.services, probe: { existenceDecision: (s: UserState) => seen.push(s) } };
  const ctx = { requestId: "t", log: services.log, remoteAddress: "127.0.0.1" };
  await forgotPassword.handle({ ClientId: p.clients.ENABLED, Username: "nobody01" }, services, ctx);
  assert.deepEqual(seen, ["unknown-user"]);
});
