import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { renderExistenceTable } from "../../scripts/existence-table-markdown.ts";
import { parseBenchDelay as benchDelaySettings, parseBenchDelay } from "../../src/bench-delay.ts";
import { CognitoError, EXCEPTION_NAMES } from "../../src/domain/errors/index.ts";
import { authRows } from "../../src/domain/existence/auth-rows.ts";
import {
  CLASSIFIED_STATES,
  existence,
  hasRow,
  type RecoveryOperation,
} from "../../src/domain/existence/index.ts";
import { recoveryRows } from "../../src/domain/existence/recovery-rows.ts";

/** The existence table itself: complete, well-formed, read in one place, documented verbatim. */

const legacy = { config: { PreventUserExistenceErrors: "LEGACY" } };
const enabled = { config: { PreventUserExistenceErrors: "ENABLED" } };

test("every state a classifier can return has a row, and every row is reachable", () => {
  for (const [op, states] of Object.entries(CLASSIFIED_STATES)) {
    for (const st of states) assert.ok(hasRow(op, st), `no row for ${op} / ${st}`);
  }
  for (const r of recoveryRows) {
    const states: readonly string[] = CLASSIFIED_STATES[r.operation as RecoveryOperation] ?? [];
    assert.ok(states.includes(r.state), `${r.operation} / ${r.state} is never classified`);
  }
});

test("every failing answer is a Cognito exception with a message", () => {
  const names = new Set<string>(EXCEPTION_NAMES);
  for (const r of existence.rows) {
    for (const a of [r.legacy, r.enabled]) {
      if (a.kind !== "fail") continue;
      assert.ok(names.has(a.type), a.type);
      assert.ok(a.message.length > 0);
    }
    assert.ok(r.source.length > 0, `${r.operation} / ${r.state} has no source`);
  }
});

test("the mode is read from the client; admin operations (no client) answer the same in both modes", () => {
  assert.equal(existence.modeOf(enabled), "ENABLED");
  assert.equal(existence.modeOf(legacy), "LEGACY");
  assert.equal(existence.modeOf({ config: {} }), "LEGACY");
  assert.equal(existence.modeOf(null), "LEGACY");
  for (const r of recoveryRows.filter((x) => x.operation.startsWith("Admin")))
    assert.deepEqual(r.legacy, r.enabled);
});

test("decide answers per mode; decideOrThrow throws Cognito's exact error", () => {
  assert.deepEqual(existence.decide(enabled, "ForgotPassword", "unknown-user"), { kind: "simulate" });
  assert.deepEqual(existence.decide(legacy, "ForgotPassword", "confirmed"), { kind: "proceed" });
  assert.throws(
    () => existence.decideOrThrow(legacy, "ForgotPassword", "unknown-user"),
    (e: unknown) =>
      e instanceof CognitoError &&
      e.type === "UserNotFoundException" &&
      e.message === "Username/client id combination not found.",
  );
  assert.equal(existence.decideOrThrow(enabled, "ConfirmForgotPassword", "disabled-user"), "simulate");
});

test("docs/existence.md contains the table exactly as the code has it", () => {
  const doc = readFileSync(new URL("../../docs/existence.md", import.meta.url), "utf8");
  assert.ok(
    doc.includes(renderExistenceTable(recoveryRows)),
    "run `npx tsx scripts/print-existence-table.ts`",
  );
  if (authRows.length > 0)
    assert.ok(doc.includes(renderExistenceTable(authRows)), "sign-in rows missing from the doc");
});

test("the bench delay hook is off unless both variables are set to usable values", () => {
  assert.equal(parseBenchDelay({}), null);
  assert.equal(parseBenchDelay({ HUSHPOOL_BENCH_DELAY_MICROS: "20" }), null);
  assert.equal(parseBenchDelay({ HUSHPOOL_BENCH_DELAY_PATH: "unknown-user" }), null);
  assert.equal(
    parseBenchDelay({ HUSHPOOL_BENCH_DELAY_MICROS: "x", HUSHPOOL_BENCH_DELAY_PATH: "unknown-user" }),
    null,
  );
  assert.equal(
    parseBenchDelay({ HUSHPOOL_BENCH_DELAY_MICROS: "0", HUSHPOOL_BENCH_DELAY_PATH: "unknown-user" }),
    null,
  );
  assert.deepEqual(
    parseBenchDelay({ HUSHPOOL_BENCH_DELAY_MICROS: "20", HUSHPOOL_BENCH_DELAY_PATH: "unknown-user" }),
    {
      micros: 20,
      path: "unknown-user",
    },
  );
  if (!process.env.HUSHPOOL_BENCH_DELAY_MICROS) assert.equal(benchDelaySettings(), null);
});
