import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { renderExistenceTable } from "../../scripts/existence-table-markdown.ts";
import { parseBenchDelay as benchDelaySettings, parseBenchDelay } from "../../src/bench-delay.ts";
import { CognitoError, EXCEPTION_NAMES } from "../../src/domain/errors/index.ts";
import { authRows } from "../../src/domain/existence/auth-rows.ts";
import {
  type Asker,
  assertProfileTag,
  CLASSIFIED_STATES,
  EXISTENCE_PROFILE_TAG,
  existence,
  hasRow,
  OUTCOME_STATES,
  profileOf,
  type RecoveryOperation,
} from "../../src/domain/existence/index.ts";
import { recoveryRows } from "../../src/domain/existence/recovery-rows.ts";

/** The existence table itself: complete, well-formed, read in one place, documented verbatim. */

const legacyClient = { config: { PreventUserExistenceErrors: "LEGACY" } };
const enabledClient = { config: { PreventUserExistenceErrors: "ENABLED" } };
const legacy: Asker = { client: legacyClient, profile: "cognito" };
const enabled: Asker = { client: enabledClient, profile: "cognito" };
const strictLegacy: Asker = { client: legacyClient, profile: "strict" };
const strictEnabled: Asker = { client: enabledClient, profile: "strict" };

test("every state a classifier can return has a row, and every row is reachable", () => {
  for (const table of [CLASSIFIED_STATES, OUTCOME_STATES]) {
    for (const [op, states] of Object.entries(table)) {
      for (const st of states) assert.ok(hasRow(op, st), `no row for ${op} / ${st}`);
    }
  }
  for (const r of recoveryRows) {
    const op = r.operation as RecoveryOperation;
    const states: readonly string[] = [...(CLASSIFIED_STATES[op] ?? []), ...(OUTCOME_STATES[op] ?? [])];
    assert.ok(states.includes(r.state), `${r.operation} / ${r.state} is never classified`);
  }
});

test("every failing answer is a Cognito exception with a message", () => {
  const names = new Set<string>(EXCEPTION_NAMES);
  for (const r of existence.rows) {
    for (const a of [r.legacy, r.enabled, ...(r.strict ? [r.strict] : [])]) {
      if (a.kind !== "fail") continue;
      assert.ok(names.has(a.type), a.type);
      assert.ok(a.message.length > 0);
    }
    assert.ok(r.source.length > 0, `${r.operation} / ${r.state} has no source`);
  }
});

test("the mode is read from the client; admin operations (no client) answer the same in both modes", () => {
  assert.equal(existence.modeOf(enabledClient), "ENABLED");
  assert.equal(existence.modeOf(legacyClient), "LEGACY");
  assert.equal(existence.modeOf({ config: {} }), "LEGACY");
  assert.equal(existence.modeOf(null), "LEGACY");
  for (const r of existence.rows.filter(
    (x) => x.operation.startsWith("Admin") && !x.operation.includes("Auth"),
  )) {
    assert.deepEqual(r.legacy, r.enabled);
    assert.equal(
      r.strict,
      undefined,
      `${r.operation} / ${r.state}: admin rows are the same in both profiles`,
    );
  }
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

test("strict answers the same to LEGACY and ENABLED clients: the row's strict answer, else the ENABLED one", () => {
  for (const r of existence.rows) {
    for (const asker of [strictLegacy, strictEnabled]) {
      const d = existence.decide(asker, r.operation, r.state);
      const want = r.strict ?? r.enabled;
      assert.equal(d.kind, want.kind, `${r.operation} / ${r.state}`);
    }
  }
  assert.deepEqual(existence.decide(strictLegacy, "ForgotPassword", "unknown-user"), { kind: "simulate" });
  assert.deepEqual(existence.decide(strictEnabled, "SignUp", "username-taken"), { kind: "simulate" });
  assert.deepEqual(existence.decide(strictEnabled, "InitiateAuth", "unconfirmed"), { kind: "proceed" });
  assert.throws(
    () => existence.decideOrThrow(strictEnabled, "ConfirmForgotPassword", "expired-code"),
    (e: unknown) => e instanceof CognitoError && e.type === "CodeMismatchException",
  );
  assert.throws(
    () => existence.decideOrThrow(enabled, "ConfirmForgotPassword", "expired-code"),
    (e: unknown) => e instanceof CognitoError && e.type === "ExpiredCodeException",
  );
});

test("strict reveals no state before a secret: no row refuses with an answer an unknown name does not get", () => {
  // The public rows a caller reaches before proving anything: every strict answer there is
  // proceed / simulate, or the answer the unknown-user row gives (none refuses).
  const afterSecret = new Set([
    "wrong-password",
    "wrong-code",
    "disabled-user",
    "temporary-password-expired",
    "unconfirmed-after-password",
    "token-user-gone",
  ]);
  for (const r of existence.rows) {
    if (r.operation.startsWith("Admin") && !r.operation.includes("Auth")) continue;
    if (afterSecret.has(r.state) || TOKEN_ONLY.has(r.operation)) continue;
    const a = r.strict ?? r.enabled;
    if (a.kind !== "fail") continue;
    assert.equal(
      `${a.type}: ${a.message}`,
      "CodeMismatchException: Invalid verification code provided, please try again.",
      `${r.operation} / ${r.state}`,
    );
  }
});

const TOKEN_ONLY = new Set([
  "GetTokensFromRefreshToken",
  "GetUser",
  "ChangePassword",
  "UpdateUserAttributes",
  "VerifyUserAttribute",
  "GetUserAttributeVerificationCode",
  "DeleteUser",
  "GlobalSignOut",
  "StartWebAuthnRegistration",
  "CompleteWebAuthnRegistration",
  "ListWebAuthnCredentials",
  "DeleteWebAuthnCredential",
]);

test("the profile: the pool's tag, else the server default; a tag naming no profile is refused", () => {
  const pool = (tags?: Record<string, string>) => ({
    id: "us-east-1_P",
    name: "p",
    config: tags ? { UserPoolTags: tags } : {},
    createdAt: 0,
    modifiedAt: 0,
  });
  assert.equal(profileOf(pool(), "cognito"), "cognito");
  assert.equal(profileOf(pool(), "strict"), "strict");
  assert.equal(profileOf(pool({ [EXISTENCE_PROFILE_TAG]: "strict" }), "cognito"), "strict");
  assert.equal(profileOf(pool({ [EXISTENCE_PROFILE_TAG]: "cognito" }), "strict"), "cognito");
  assertProfileTag(undefined);
  assertProfileTag({ team: "auth", [EXISTENCE_PROFILE_TAG]: "strict" });
  for (const bad of ["Strict", "", "none"]) {
    assert.throws(
      () => assertProfileTag({ [EXISTENCE_PROFILE_TAG]: bad }),
      (e: unknown) => e instanceof CognitoError && e.type === "InvalidParameterException",
    );
  }
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
