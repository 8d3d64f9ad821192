import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import { formatTimestamp, parseTimestamp } from "../../src/srp/index.ts";

const require = createRequire(import.meta.url);
const { default: DateHelper } = require("amazon-cognito-identity-js/lib/DateHelper.js") as {
  default: new () => { getNowString(): string };
};

test("formatTimestamp renders ddd MMM D HH:mm:ss UTC YYYY with an unpadded day (docs/srp.md#what-the-client-computes)", () => {
  assert.equal(formatTimestamp(new Date("2017-10-25T19:56:23Z")), "Wed Oct 25 19:56:23 UTC 2017");
  assert.equal(formatTimestamp(new Date("2026-11-21T00:58:48Z")), "Sat Nov 21 00:58:48 UTC 2026");
  assert.equal(formatTimestamp(new Date("2017-04-05T22:44:40Z")), "Wed Apr 5 22:44:40 UTC 2017");
  assert.equal(formatTimestamp(new Date("2024-02-29T09:05:07.999Z")), "Thu Feb 29 09:05:07 UTC 2024");
});

test("timestamps round-trip (to the second), single-digit days included", () => {
  const dates = [
    "2017-04-05T22:44:40Z",
    "2024-01-01T00:00:00Z",
    "2031-12-31T23:59:59Z",
    "2025-06-09T07:08:09Z",
  ];
  for (const iso of dates) {
    const s = formatTimestamp(new Date(iso));
    assert.equal(parseTimestamp(s)?.toISOString(), new Date(iso).toISOString(), s);
  }
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2026, 0, 1); t += 86_400_000 + 3_601_000) {
    const d = new Date(t);
    assert.equal(parseTimestamp(formatTimestamp(d))?.getTime(), t - (t % 1000));
  }
});

test("what amazon-cognito-identity-js sends is accepted and identical to formatTimestamp", (t) => {
  t.mock.timers.enable({ apis: ["Date"], now: Date.UTC(2025, 2, 7, 4, 5, 6) });
  const sent = new DateHelper().getNowString();
  assert.equal(sent, "Fri Mar 7 04:05:06 UTC 2025");
  assert.equal(sent, formatTimestamp(new Date()));
  assert.ok(parseTimestamp(sent));
});

test("non-canonical TIMESTAMPs are rejected, like Cognito rejects a zero-padded day (docs/srp.md#timestamp)", () => {
  for (const s of [
    "Wed Apr 05 22:44:40 UTC 2017", // zero-padded day
    "Thu Apr 5 22:44:40 UTC 2017", // wrong weekday
    "Wed Feb 30 22:44:40 UTC 2017", // no such date
    "Wed Apr 5 24:00:00 UTC 2017",
    "Wed Apr 5 2:44:40 UTC 2017", // unpadded hour
    "Wed Apr 5 22:44:60 UTC 2017",
    "wed apr 5 22:44:40 UTC 2017",
    "Wed Apr  5 22:44:40 UTC 2017",
    "Wed Apr 5 22:44:40 GMT 2017",
    "Wed Apr 5 22:44:40 UTC 17",
    "Wed Apr 5 22:44:40 UTC 2017 ",
    "Wed Apr 5 22:44:40.123 UTC 2017",
    "2017-04-05T22:44:40Z",
    "",
  ]) {
    assert.equal(parseTimestamp(s), null, s);
  }
});
