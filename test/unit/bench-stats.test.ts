/**
 * Tests for the benchmark library (bench/lib). Statistics are checked against values worked out by
 * hand or by an independent formula; the runners are checked for counts and order, never for time.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { createClient } from "../../bench/lib/http-client.ts";
import { runLoad } from "../../bench/lib/load.ts";
import { expectDetected, interleaving, type OracleResult, runOracle } from "../../bench/lib/oracle.ts";
import { startServerProcess } from "../../bench/lib/server.ts";
import {
  croppedWelchT,
  kolmogorovSurvival,
  ksTest,
  quantile,
  summary,
  welchT,
} from "../../bench/lib/stats.ts";

/** Deterministic pseudo-random numbers in [0, 1) (a 32-bit LCG) so every run sees the same data. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const close = (actual: number, expected: number, tol = 1e-12): void =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} ≉ ${expected}`);

test("quantile interpolates linearly between order statistics and leaves its input alone", () => {
  const xs = [4, 1, 3, 2];
  close(quantile(xs, 0.9), 3.7); // h = 3·0.9 = 2.7 → 3 + 0.7·(4 − 3)
  assert.equal(quantile(xs, 0), 1);
  assert.equal(quantile(xs, 1), 4);
  close(quantile(xs, 0.5), 2.5);
  assert.deepEqual(xs, [4, 1, 3, 2]);
  assert.throws(() => quantile([], 0.5), RangeError);
});

test("summary reports n, mean, quantiles and extremes", () => {
  const s = summary([3, 1, 2]);
  assert.deepEqual({ ...s, p90: 0, p99: 0 }, { n: 3, mean: 2, p50: 2, p90: 0, p99: 0, min: 1, max: 3 });
  close(s.p90, 2.8);
  close(s.p99, 2.98);
});

test("welchT matches hand-computed values", () => {
  // means 3 and 4, both variances 2.5: se = √(0.5 + 0.5) = 1.
  close(welchT([1, 2, 3, 4, 5], [2, 3, 4, 5, 6]), -1);
  close(welchT([2, 3, 4, 5, 6], [1, 2, 3, 4, 5]), 1);
  // means 2 and 7, variances 1 and 20/3: se = √(1/3 + 5/3) = √2.
  close(welchT([1, 2, 3], [4, 6, 8, 10]), -5 / Math.SQRT2);
  assert.equal(welchT([5, 5, 5], [5, 5]), 0);
  assert.equal(welchT([5, 5, 5], [6, 6]), Number.NEGATIVE_INFINITY);
  assert.throws(() => welchT([1], [1, 2]), RangeError);
});

test("identical samples give t = 0 and KS p = 1", () => {
  const rnd = lcg(7);
  const a = Array.from({ length: 500 }, () => 100 + 10 * rnd());
  const b = [...a].reverse();
  close(welchT(a, b), 0, 1e-9);
  close(croppedWelchT(a, b), 0, 1e-9);
  assert.deepEqual(ksTest(a, b), { d: 0, p: 1 });
});

test("clearly shifted samples give a large |t| and a tiny KS p", () => {
  const rnd = lcg(11);
  const a = Array.from({ length: 1000 }, () => 100 + 10 * rnd());
  const b = Array.from({ length: 1000 }, () => 103 + 10 * rnd());
  assert.ok(welchT(a, b) < -4.5, `t = ${welchT(a, b)}`);
  assert.ok(croppedWelchT(a, b) < -4.5, `cropped t = ${croppedWelchT(a, b)}`);
  assert.ok(ksTest(a, b).p < 1e-6, `p = ${ksTest(a, b).p}`);
});

test("croppedWelchT crops both samples at the pooled 90th percentile", () => {
  const a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const b = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1000];
  // Pooled p90 = 9.1: both keep exactly 1..9, so the one outlier that drags the raw t is gone.
  assert.equal(croppedWelchT(a, b), 0);
  assert.ok(welchT(a, b) < -0.9);
  // A sample lying wholly above the cut is a perfect separation, not an error.
  assert.equal(croppedWelchT([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [50, 60]), Number.NEGATIVE_INFINITY);
});

test("kolmogorovSurvival matches tabulated values on both sides of the series switch", () => {
  close(kolmogorovSurvival(1), 0.2699996716773546, 1e-12); // K(1) = 0.7300003 in the tables
  close(kolmogorovSurvival(1.18), 0.1234538094297657, 1e-12);
  close(kolmogorovSurvival(0.5), 0.9639452436648751, 1e-12);
  close(kolmogorovSurvival(2), 0.0006709252557796953, 1e-15);
  assert.equal(kolmogorovSurvival(0), 1);
});

test("ksTest: disjoint samples of 5 give D = 1 and p = 2Σ(−1)^(k−1)e^(−2k²·2.5)", () => {
  const r = ksTest([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
  assert.equal(r.d, 1);
  const byHand = 2 * (Math.exp(-5) - Math.exp(-20) + Math.exp(-45)); // λ² = nm/(n+m)·D² = 2.5
  close(r.p, byHand, 1e-15);
  close(r.p, 0.013475889875863676, 1e-15);
});

/** D computed the slow, obvious way: both empirical CDFs evaluated at every observed value. */
function bruteForceD(a: number[], b: number[]): number {
  const cdf = (xs: number[], v: number): number => xs.filter((x) => x <= v).length / xs.length;
  return Math.max(...[...a, ...b].map((v) => Math.abs(cdf(a, v) - cdf(b, v))));
}

test("ksTest handles ties: D agrees with a brute-force ECDF comparison", () => {
  const a = [1, 1, 2, 2, 2, 3, 5, 5];
  const b = [2, 2, 3, 3, 4, 5, 6, 6, 6, 7];
  const r = ksTest(a, b);
  close(r.d, 0.425, 1e-15); // at x = 2: 5/8 − 2/10; stepping element by element would claim 0.625
  close(r.d, bruteForceD(a, b), 1e-15);
  // p = Q(√(80/18)·0.425); 0.398306939559444 is scipy.stats.kstwobign.sf of the same λ.
  close(r.p, 0.39830693955944446, 1e-12);

  const rnd = lcg(3);
  for (let round = 0; round < 20; round++) {
    const x = Array.from({ length: 30 + round }, () => Math.floor(rnd() * 12));
    const y = Array.from({ length: 41 - round }, () => Math.floor(rnd() * 12) + (round % 3));
    close(ksTest(x, y).d, bruteForceD(x, y), 1e-12);
  }
});

test("interleaving is a balanced random order, not blocks", () => {
  const rnd = lcg(5);
  const order = interleaving(1000, (max) => Math.floor(rnd() * max));
  assert.equal(order.length, 2000);
  assert.equal(
    order.reduce((s, k) => s + k, 0),
    1000,
  );
  let runs = 1;
  for (let i = 1; i < order.length; i++) if (order[i] !== order[i - 1]) runs++;
  assert.ok(runs > 900 && runs < 1100, `runs = ${runs}`); // a fair coin gives ~1000 runs
});

test("runOracle sends warmup plus samples per class, one at a time, and applies the thresholds", async () => {
  const rnd = lcg(9);
  const sent: string[] = [];
  let inFlight = 0;
  const send = (label: string) => async (): Promise<void> => {
    inFlight++;
    assert.equal(inFlight, 1);
    sent.push(label);
    await Promise.resolve();
    inFlight--;
  };
  const r = await runOracle({
    name: "fake",
    classes: [
      { label: "known", send: send("known") },
      { label: "unknown", send: send("unknown") },
    ],
    samplesPerClass: 50,
    warmup: 5,
    delayMicros: 20,
    randomBelow: (max) => Math.floor(rnd() * max),
  });
  assert.equal(sent.filter((s) => s === "known").length, 55);
  assert.equal(sent.filter((s) => s === "unknown").length, 55);
  assert.deepEqual(
    r.classes.map((c) => [c.label, c.samples.length, c.summary.n]),
    [
      ["known", 50, 50],
      ["unknown", 50, 50],
    ],
  );
  assert.equal(r.delayMicros, 20);
  assert.equal(r.pass, Math.abs(r.welch) < 4.5 && Math.abs(r.cropped) < 4.5 && r.ks.p >= 0.001);
  assert.equal(expectDetected(r), !r.pass);
});

test("expectDetected: a control run succeeds only when the oracle is found", () => {
  const base = { pass: true } as OracleResult;
  assert.equal(expectDetected(base), false);
  assert.equal(expectDetected({ ...base, pass: false }), true);
});

test("runLoad runs exactly `total` tasks, each index once, and propagates a failure", async () => {
  const seen: number[] = [];
  const r = await runLoad({ concurrency: 4, total: 50, task: async (i) => void seen.push(i) });
  assert.equal(r.ops, 50);
  assert.deepEqual(
    [...seen].sort((x, y) => x - y),
    Array.from({ length: 50 }, (_, i) => i),
  );
  assert.equal(r.latency.n, 50);
  await assert.rejects(
    runLoad({
      concurrency: 2,
      total: 10,
      task: async (i) => {
        if (i === 3) throw new Error("boom");
      },
    }),
    /boom/,
  );
});

test("http-client posts AWS JSON 1.1 with the Cognito target and parses the answer", async () => {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const echo = {
        method: req.method,
        url: req.url,
        target: req.headers["x-amz-target"],
        type: req.headers["content-type"],
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown,
      };
      const plain = String(echo.target).endsWith(".Plain");
      res.writeHead(plain ? 400 : 200, { "x-amzn-requestid": "r1" });
      res.end(plain ? "not json" : JSON.stringify(echo));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const client = createClient({ maxSockets: 2 });
  try {
    const r = await client.call(`http://127.0.0.1:${port}`, "InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
    });
    assert.equal(r.status, 200);
    assert.equal(r.headers["x-amzn-requestid"], "r1");
    assert.deepEqual(r.body, {
      method: "POST",
      url: "/",
      target: "AWSCognitoIdentityProviderService.InitiateAuth",
      type: "application/x-amz-json-1.1",
      body: { AuthFlow: "USER_PASSWORD_AUTH" },
    });
    const plain = await client.call(`http://127.0.0.1:${port}`, "Plain", {});
    assert.deepEqual([plain.status, plain.body], [400, "not json"]);
  } finally {
    client.close();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A stand-in for src/main.ts honouring the startup-line contract, written to a temp dir. */
const FAKE_SERVER = `
import { createServer } from "node:http";
const args = process.argv.slice(2);
const s = createServer((req, res) => res.end(JSON.stringify({ args, delay: process.env.HUSHPOOL_BENCH_DELAY_MICROS })));
s.listen(Number(args[args.indexOf("--port") + 1]), "127.0.0.1", () => {
  console.log(JSON.stringify({ msg: "hushpool listening", url: "http://127.0.0.1:" + s.address().port }));
});
process.on("SIGTERM", () => s.close(() => process.exit(0)));
`;

test("startServerProcess parses the startup line, passes flags and env, reads VmHWM, stops", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bench-lib-"));
  try {
    writeFileSync(join(dir, "fake.mjs"), FAKE_SERVER);
    writeFileSync(join(dir, "dies.mjs"), "console.error('no key'); process.exit(3);");
    const srv = await startServerProcess({
      dataDir: join(dir, "data"),
      entry: join(dir, "fake.mjs"),
      env: { HUSHPOOL_BENCH_DELAY_MICROS: "20" },
      args: ["--region", "eu-west-1"],
    });
    try {
      assert.match(srv.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      const client = createClient();
      const r = await client.call(srv.baseUrl, "ListUserPools", {});
      client.close();
      assert.deepEqual(r.body, {
        args: [
          ...[
            "--port",
            "0",
            "--data",
            join(dir, "data"),
            "--log-level",
            "warn",
            "--quota",
            "off",
            "--workers",
            "1",
          ],
          ...["--region", "eu-west-1"],
        ],
        delay: "20",
      });
      assert.ok(srv.rssPeakKb() > 1000);
    } finally {
      await srv.stop();
    }
    await assert.rejects(
      startServerProcess({ dataDir: dir, entry: join(dir, "dies.mjs") }),
      /exited early \(code 3[\s\S]*no key/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
