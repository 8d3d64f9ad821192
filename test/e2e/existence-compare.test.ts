import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { EXISTENCE_PROFILES, type ExistenceProfile } from "../../src/domain/existence/profile.ts";
import { compareAnswers } from "../helpers/compare/compare.ts";
import { EXPECTED_COGNITO_DIFFERENCES, explain } from "../helpers/compare/expected.ts";
import { OPERATIONS } from "../helpers/compare/operations.ts";
import { POOL_KINDS } from "../helpers/compare/pools.ts";
import { type RawClient, rawClient } from "../helpers/compare/raw-http.ts";
import { countCases, describeDifference, findingsReport } from "../helpers/compare/report.ts";
import {
  type CaseResult,
  type Env,
  lockoutJobs,
  operationJobs,
  runJobs,
  targetKey,
} from "../helpers/compare/runner.ts";
import { SDK_CASES, sdkAnswer } from "../helpers/compare/sdk.ts";
import { state } from "../helpers/compare/states.ts";
import { CUSTOM_AUTH_FUNCTIONS, createTarget } from "../helpers/compare/targets.ts";
import { functionsDir } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Known against unknown, in both existence profiles (docs/measuring.md#the-known-vs-unknown-comparison,
 * docs/existence.md#same-answer): for every public operation that takes a name, every account state
 * and every pool kind, the same request for a real user's name and for a name of the same shape that
 * nobody holds, compared on the wire (status, header names and order, header values, body bytes, with
 * fresh random values normalised and deterministic fakes reduced to their shape), plus eight-failure
 * lockout sequences on a subset, and a few cases through the AWS SDK. `strict` must show no
 * difference at all; `cognito` only the ones Cognito documents, each listed in
 * EXPECTED_COGNITO_DIFFERENCES with the docs/existence.md heading that documents it.
 *
 * HUSHPOOL_COMPARE_REPORT=<file> writes every finding, grouped per operation, to that file.
 */

/**
 * Profiles whose implementation is not merged yet: their cases run and report every difference
 * as a TODO instead of failing the run. Delete an entry once the work it names is merged; the
 * cases then fail on any difference the profile does not allow.
 */
const PENDING: Partial<Record<ExistenceProfile, string>> = {};

let s: TestServer;
let raw: RawClient;
let cleanup: () => void;
const env = {} as Env;
const found: Record<ExistenceProfile, CaseResult[]> = { cognito: [], strict: [] };

before(async () => {
  const fns = functionsDir(CUSTOM_AUTH_FUNCTIONS);
  cleanup = fns.cleanup;
  // A clock that stands still: a lock (1 s after the fifth failure) never lapses mid-sequence.
  const frozen = Date.now();
  s = await startTestServer({ functions: fns.dir }, { clock: { now: () => frozen } });
  raw = rawClient(s.url, () => s.client.config.credentials());
  env.s = s;
  env.raw = raw;
  env.targets = new Map();
  for (const profile of EXISTENCE_PROFILES) {
    for (const kind of POOL_KINDS) {
      env.targets.set(targetKey(kind.id, profile), await createTarget(s, kind, profile));
    }
  }
});

after(async () => {
  const file = process.env.HUSHPOOL_COMPARE_REPORT;
  if (file) {
    const section = (p: ExistenceProfile) =>
      `## profile ${p}: ${countCases(found[p])} of ${found[p].length} cases differ\n\n${findingsReport(found[p])}\n`;
    writeFileSync(file, EXISTENCE_PROFILES.map(section).join("\n"));
  }
  raw.close();
  await s.stop();
  cleanup();
});

const MAX_LINES = 40;

/** Fails with every difference the profile does not allow, one line each. */
function assertAllowed(profile: ExistenceProfile, results: CaseResult[]): void {
  found[profile].push(...results);
  const unexplained = results.flatMap((r) =>
    r.differences
      .filter((d) => profile === "strict" || explain(r, d) === undefined)
      .map((d) => `${r.state} @ ${r.pool}: ${describeDifference(d)}`),
  );
  if (unexplained.length === 0) return;
  const more = unexplained.length > MAX_LINES ? [`… and ${unexplained.length - MAX_LINES} more`] : [];
  const head = `${unexplained.length} difference(s) ${profile} does not allow:`;
  assert.fail([head, ...unexplained.slice(0, MAX_LINES), ...more].join("\n  "));
}

for (const profile of EXISTENCE_PROFILES) {
  describe(`profile ${profile}`, () => {
    for (const op of OPERATIONS) {
      test(op.id, { todo: PENDING[profile] }, async () =>
        assertAllowed(profile, await runJobs(operationJobs(env, profile, op.id))),
      );
    }
    test("lockout sequences", { todo: PENDING[profile] }, async () =>
      assertAllowed(profile, await runJobs(lockoutJobs(env, profile))),
    );
    for (const c of SDK_CASES) {
      test(`through the AWS SDK: ${c.name} (CONFIRMED @ ${c.pool})`, async () => {
        const t = env.targets.get(targetKey(c.pool, profile));
        assert.ok(t);
        const n = 900_000 + 10 * SDK_CASES.indexOf(c) + EXISTENCE_PROFILES.indexOf(profile);
        const [known, unknown] = [t.kind.slot("known", n), t.kind.slot("unknown", n)];
        await state("confirmed").prepare(s, t, known);
        const k = { answer: await sdkAnswer(c.call(s, t, known)), typed: known.typed };
        const u = { answer: await sdkAnswer(c.call(s, t, unknown)), typed: unknown.typed };
        assert.deepEqual(compareAnswers(k, u), []);
      });
    }
  });
}

test("every documented cognito difference is still observed (the list does not rot)", () => {
  const seen = new Set(
    found.cognito.flatMap((r) => r.differences.map((d) => explain(r, d)?.id).filter((x) => x !== undefined)),
  );
  const stale = EXPECTED_COGNITO_DIFFERENCES.filter((e) => !seen.has(e.id)).map((e) => e.id);
  assert.deepEqual(stale, []);
});
