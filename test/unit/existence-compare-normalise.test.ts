import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { compareAnswers, type Difference } from "../helpers/compare/compare.ts";
import type { RawAnswer } from "../helpers/compare/raw-http.ts";

/**
 * The known-vs-unknown comparator (test/helpers/compare/, docs/measuring.md#the-known-vs-unknown-comparison)
 * on hand-made answers: what it ignores (fresh values) and what it must not (lengths, letter case, a
 * name other than the one typed, key and header order, a false Content-Length).
 */
function answer(body: object): RawAnswer {
  const text = JSON.stringify(body);
  return {
    status: 200,
    headers: [
      ["Content-Type", "application/x-amz-json-1.1"],
      ["x-amzn-RequestId", randomUUID()],
      ["Content-Length", String(Buffer.byteLength(text))],
      ["Date", new Date().toUTCString()],
    ],
    body: text,
  };
}
const diff = (k: object, u: object): Difference[] =>
  compareAnswers({ answer: answer(k), typed: "k1" }, { answer: answer(u), typed: "u1" });
const paths = (ds: Difference[]): string[] => ds.map((d) => d.path);
const srp = (over: Record<string, string>) => ({
  ChallengeName: "PASSWORD_VERIFIER",
  ChallengeParameters: { SALT: "ab12", SECRET_BLOCK: "QUJD", SRP_B: "ff00", USER_ID_FOR_SRP: "k1", ...over },
});

test("request ids, dates and fresh values of equal length are not differences", () => {
  assert.deepEqual(
    diff(srp({ SRP_B: "0123abcd", SECRET_BLOCK: "WFla" }), srp({ USER_ID_FOR_SRP: "u1" })),
    [],
  );
});

test("a blob of another length and a name other than the one typed are differences", () => {
  assert.deepEqual(paths(diff(srp({ SECRET_BLOCK: "QUJDRA==" }), srp({ USER_ID_FOR_SRP: "q1" }))), [
    "ChallengeParameters.SECRET_BLOCK",
    "ChallengeParameters.USER_ID_FOR_SRP",
  ]);
});

test("masks compare by character class, so letter case shows", () => {
  const mask = (Destination: string) => ({ CodeDeliveryDetails: { Destination } });
  assert.deepEqual(diff(mask("k***@e***"), mask("u***@q***")), []);
  assert.deepEqual(paths(diff(mask("K***@e***"), mask("u***@q***"))), ["CodeDeliveryDetails.Destination"]);
  assert.deepEqual(paths(diff(mask("+*******0123"), mask("+*******9876"))), []);
});

test("key order, header order and a false Content-Length are differences", () => {
  assert.deepEqual(paths(diff({ a: 1, b: 2 }, { b: 2, a: 1 })), ["{keys}"]);
  const k = answer({});
  const reversed = { ...k, headers: [...k.headers].reverse() };
  const aspects = compareAnswers({ answer: k, typed: "" }, { answer: reversed, typed: "" }).map(
    (d) => d.aspect,
  );
  assert.deepEqual(aspects, ["header-names"]);
  const lying = {
    ...k,
    headers: k.headers.map(([n, v]): [string, string] => [n, n === "Content-Length" ? "9" : v]),
  };
  assert.deepEqual(paths(compareAnswers({ answer: k, typed: "" }, { answer: lying, typed: "" })), [
    "content-length",
  ]);
});
