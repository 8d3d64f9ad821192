import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { ForgotPasswordCommand, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { EXISTENCE_PROFILES, type ExistenceProfile } from "../../src/domain/existence/profile.ts";
import { compareAnswers, type Difference, type Sent } from "../helpers/compare/compare.ts";
import { EXPECTED_COGNITO_DIFFERENCES, explain } from "../helpers/compare/expected.ts";
import { OPERATIONS } from "../helpers/compare/operations.ts";
import {
  CUSTOM_AUTH_FUNCTIONS,
  createTarget,
  type NameSlot,
  POOL_KINDS,
  type PoolKindId,
  type Target,
} from "../helpers/compare/pools.ts";
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
import { sdkAnswer } from "../helpers/compare/sdk.ts";
import { state, WRONG_PASSWORD } from "../helpers/compare/states.ts";
import { functionsDir } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { srpStart } from "../helpers/srp-client.ts";

/**
 * Known against unknown, in both existence profiles (docs/existence.md#same-answer): for every
 * public operation that takes a name, every account state and every pool kind, the same request
 * for a real user's name and for a name of the same shape that nobody holds, compared on the wire
 * (status, header names and order, header values, body bytes, with fresh random values normalised
 * and deterministic fakes reduced to their shape), plus eight-failure lockout sequences on a subset.
 * `strict` must show no difference at all; `cognito` only the ones Cognito documents, each listed
 * in EXPECTED_COGNITO_DIFFERENCES with the docs/existence.md heading that documents it.
 *
 * HUSHPOOL_COMPARE_REPORT=<file> writes every finding, grouped per operation, to that file.
 */

/**
 * Profiles whose implementation is not merged yet: their cases run and report every difference
 * as a TODO instead of failing the run. Delete an entry once the work it names is merged; the
 * cases then fail on any difference the profile does not allow.
 */
const PENDING: Partial<Record<ExistenceProfile, string>> = {
  strict: "the strict profile (existence profiles issue, items 1–3) is not merged yet",
  cognito: "masked destinations keep the stored letter case (existence profiles issue, finding d)",
};

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
    for (const kind of POOL_KINDS)
      env.targets.set(targetKey(kind.id, profile), await createTarget(s, kind, profile));
  }
});

after(async () => {
  const file = process.env.HUSHPOOL_COMPARE_REPORT;
  if (file) {
    const text = EXISTENCE_PROFILES.map(
      (p) =>
        `## profile ${p}: ${countCases(found[p])} of ${found[p].length} cases differ\n\n${findingsReport(found[p])}\n`,
    ).join("\n");
    writeFileSync(file, text);
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
  assert.fail(
    [
      `${unexplained.length} difference(s) ${profile} does not allow:`,
      ...unexplained.slice(0, MAX_LINES),
      ...more,
    ].join("\n  "),
  );
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
  });
}

/** The same comparison through the real AWS SDK v3, for a few cases no profile may tell apart. */
describe("through the AWS SDK", () => {
  const sdkCases: { name: string; pool: PoolKindId; call: (t: Target, slot: NameSlot) => Promise<object> }[] =
    [
      {
        name: "ForgotPassword",
        pool: "email-as-username",
        call: (t, slot) =>
          s.client.send(new ForgotPasswordCommand({ ClientId: t.clientId, Username: slot.typed })),
      },
      {
        name: "InitiateAuth USER_PASSWORD_AUTH, wrong password",
        pool: "plain",
        call: (t, slot) =>
          s.client.send(
            new InitiateAuthCommand({
              ClientId: t.clientId,
              AuthFlow: "USER_PASSWORD_AUTH",
              AuthParameters: { USERNAME: slot.typed, PASSWORD: WRONG_PASSWORD },
            }),
          ),
      },
      {
        name: "InitiateAuth USER_SRP_AUTH step 1",
        pool: "email-as-username",
        call: (t, slot) =>
          s.client.send(
            new InitiateAuthCommand({
              ClientId: t.clientId,
              AuthFlow: "USER_SRP_AUTH",
              AuthParameters: { USERNAME: slot.typed, SRP_A: srpStart().srpA },
            }),
          ),
      },
    ];
  for (const profile of EXISTENCE_PROFILES) {
    for (const c of sdkCases) {
      test(`${profile}: ${c.name} (confirmed user @ ${c.pool})`, async () => {
        const t = env.targets.get(targetKey(c.pool, profile));
        assert.ok(t);
        const n = 900_000 + sdkCases.indexOf(c) * 10 + EXISTENCE_PROFILES.indexOf(profile);
        const [known, unknown] = [t.kind.slot("known", n), t.kind.slot("unknown", n)];
        await state("confirmed").prepare(s, t, known);
        const k = { answer: await sdkAnswer(c.call(t, known)), typed: known.typed };
        const u = { answer: await sdkAnswer(c.call(t, unknown)), typed: unknown.typed };
        assert.deepEqual(compareAnswers(k, u), []);
      });
    }
  }
});

test("every documented cognito difference is still observed (the list does not rot)", () => {
  const seen = new Set(
    found.cognito.flatMap((r) => r.differences.map((d) => explain(r, d)?.id).filter((x) => x !== undefined)),
  );
  const stale = EXPECTED_COGNITO_DIFFERENCES.filter((e) => !seen.has(e.id)).map((e) => e.id);
  assert.deepEqual(stale, []);
});

/** The comparator itself, on hand-made answers: what it ignores and what it must not. */
describe("the comparator", () => {
  const answer = (body: object, headers: [string, string][] = []): Sent["answer"] => {
    const text = JSON.stringify(body);
    return {
      status: 200,
      headers: [
        ["Content-Type", "application/x-amz-json-1.1"],
        ["x-amzn-RequestId", crypto.randomUUID()],
        ["Content-Length", String(Buffer.byteLength(text))],
        ["Date", new Date().toUTCString()],
        ...headers,
      ],
      body: text,
    };
  };
  const diff = (k: object, u: object, typed: [string, string] = ["k1", "u1"]) =>
    compareAnswers({ answer: answer(k), typed: typed[0] }, { answer: answer(u), typed: typed[1] });
  const srp = (over: Record<string, string>) => ({
    ChallengeName: "PASSWORD_VERIFIER",
    ChallengeParameters: {
      SALT: "ab12",
      SECRET_BLOCK: "QUJD",
      SRP_B: "ff00",
      USER_ID_FOR_SRP: "k1",
      ...over,
    },
  });

  test("ignores request ids, dates and fresh values of equal length", () => {
    assert.deepEqual(
      diff(srp({ SRP_B: "0123abcd", SECRET_BLOCK: "WFla" }), srp({ USER_ID_FOR_SRP: "u1" })),
      [],
    );
  });
  test("sees a blob of another length, a name that is not the one typed, and letter case in a mask", () => {
    const paths = (ds: Difference[]) => ds.map((d) => d.path);
    assert.deepEqual(paths(diff(srp({ SECRET_BLOCK: "QUJDRA==" }), srp({ USER_ID_FOR_SRP: "q1" }))), [
      "ChallengeParameters.SECRET_BLOCK",
      "ChallengeParameters.USER_ID_FOR_SRP",
    ]);
    const mask = (Destination: string) => ({ CodeDeliveryDetails: { Destination } });
    assert.deepEqual(diff(mask("k***@e***"), mask("u***@q***")), []);
    assert.deepEqual(paths(diff(mask("K***@e***"), mask("u***@q***"))), ["CodeDeliveryDetails.Destination"]);
  });
  test("sees key order, header order and a false Content-Length", () => {
    assert.deepEqual(
      diff({ a: 1, b: 2 }, { b: 2, a: 1 }).map((d) => d.path),
      ["{keys}"],
    );
    const k = answer({});
    const u = { ...k, headers: [...k.headers].reverse() };
    assert.deepEqual(
      compareAnswers({ answer: k, typed: "" }, { answer: u, typed: "" }).map((d) => d.aspect),
      ["header-names"],
    );
    const lying = {
      ...k,
      headers: k.headers.map(([n, v]): [string, string] => [n, n === "Content-Length" ? "9" : v]),
    };
    assert.deepEqual(
      compareAnswers({ answer: k, typed: "" }, { answer: lying, typed: "" }).map((d) => d.path),
      ["content-length"],
    );
  });
});
