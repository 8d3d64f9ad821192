/**
 * The latency one Lambda trigger call adds to a sign-in (docs/triggers.md): USER_PASSWORD_AUTH against three
 * pools on one server — no trigger, a PreAuthentication function run in-process (`--functions`), and
 * the same function behind a Lambda Invoke API (`--lambda-endpoint`, a minimal stand-in in this
 * process: test/helpers/lambda-stub.ts). Requests are sequential (concurrency 1) and interleaved in a
 * random order, so drift hits the three alike; p50/p99 per variant and the difference to "none".
 *
 *   npx tsx bench/trigger-latency.ts [--samples 2000] [--warmup 200]
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startLambdaStub } from "../test/helpers/lambda-stub.ts";
import { type CallResult, createClient } from "./lib/http-client.ts";
import { startServerProcess } from "./lib/server.ts";
import { summary } from "./lib/stats.ts";

const { values } = parseArgs({
  options: {
    samples: { type: "string", default: "2000" },
    warmup: { type: "string", default: "200" },
  },
});
const samples = Number(values.samples);
const warmup = Number(values.warmup);
const PASSWORD = "Bench-Passw0rd!";
const arn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

// The function both invokers run: PreAuthentication that lets everyone in.
const fnDir = mkdtempSync(join(tmpdir(), "hushpool-bench-fns-"));
writeFileSync(join(fnDir, "pre-auth-local.mjs"), "export const handler = async (event) => event;\n");
const stub = await startLambdaStub();
stub.on("pre-auth-remote", (event) => event);

const dataDir = mkdtempSync(join(tmpdir(), "hushpool-bench-triggers-"));
const server = await startServerProcess({
  dataDir,
  args: ["--functions", fnDir, "--lambda-endpoint", stub.url],
});
const client = createClient({ maxSockets: 1 });
const url = server.baseUrl;

function ok(r: CallResult, what: string): Record<string, unknown> {
  if (r.status !== 200) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
}

type Variant = "none" | "in-process" | "invoke-api";

/** A pool (with or without the trigger), a client and one confirmed user. */
async function setUp(variant: Variant): Promise<{ clientId: string }> {
  const lambda =
    variant === "in-process"
      ? { PreAuthentication: arn("pre-auth-local") }
      : variant === "invoke-api"
        ? { PreAuthentication: arn("pre-auth-remote") }
        : {};
  const pool = ok(
    await client.call(url, "CreateUserPool", { PoolName: variant, LambdaConfig: lambda }),
    "pool",
  );
  const poolId = (pool.UserPool as { Id: string }).Id;
  const made = ok(
    await client.call(url, "CreateUserPoolClient", {
      UserPoolId: poolId,
      ClientName: "bench",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
    "client",
  );
  ok(
    await client.call(url, "AdminCreateUser", {
      UserPoolId: poolId,
      Username: "u",
      MessageAction: "SUPPRESS",
    }),
    "user",
  );
  ok(
    await client.call(url, "AdminSetUserPassword", {
      UserPoolId: poolId,
      Username: "u",
      Password: PASSWORD,
      Permanent: true,
    }),
    "password",
  );
  return { clientId: (made.UserPoolClient as { ClientId: string }).ClientId };
}

const variants: Variant[] = ["none", "in-process", "invoke-api"];
const clients = Object.fromEntries(
  await Promise.all(variants.map(async (v) => [v, (await setUp(v)).clientId] as const)),
) as Record<Variant, string>;

async function signIn(v: Variant): Promise<number> {
  const t0 = process.hrtime.bigint();
  const r = await client.call(url, "InitiateAuth", {
    ClientId: clients[v],
    AuthFlow: "USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: "u", PASSWORD },
  });
  const us = Number(process.hrtime.bigint() - t0) / 1000;
  ok(r, `sign-in (${v})`);
  return us;
}

/** A fixed-seed shuffle of `n` rounds of every variant (comparable runs). */
function schedule(n: number): Variant[] {
  const out: Variant[] = [];
  for (let i = 0; i < n; i++) out.push(...variants);
  let x = 2463534242;
  for (let i = out.length - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = (x >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j] as Variant, out[i] as Variant];
  }
  return out;
}

try {
  for (const v of schedule(warmup)) await signIn(v);
  const times: Record<Variant, number[]> = { none: [], "in-process": [], "invoke-api": [] };
  for (const v of schedule(samples)) times[v].push(await signIn(v));
  const calls = stub.eventsFor("pre-auth-remote").length;
  if (calls !== warmup + samples)
    throw new Error(`the Invoke API saw ${calls} calls, expected ${warmup + samples}`);

  const base = summary(times.none);
  console.log(`USER_PASSWORD_AUTH, concurrency 1, ${samples} sign-ins per variant (interleaved), µs`);
  console.log("variant       p50      p99     mean   Δp50   Δp99");
  for (const v of variants) {
    const s = summary(times[v]);
    const d = v === "none" ? ["", ""] : [(s.p50 - base.p50).toFixed(0), (s.p99 - base.p99).toFixed(0)];
    console.log(
      `${v.padEnd(11)} ${s.p50.toFixed(0).padStart(6)} ${s.p99.toFixed(0).padStart(8)} ${s.mean.toFixed(0).padStart(8)} ${(d[0] ?? "").padStart(6)} ${(d[1] ?? "").padStart(6)}`,
    );
  }
} finally {
  client.close();
  await server.stop();
  await stub.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(fnDir, { recursive: true, force: true });
}
