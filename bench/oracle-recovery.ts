/**
 * Timing oracle for sign-up and recovery under PreventUserExistenceErrors = ENABLED (docs/measuring.md#the-timing-oracle-test, method in docs/measuring.md): ForgotPassword and ResendConfirmationCode, each a random
 * interleaving of a real user and an unknown name, over loopback, against a server in a child
 * process. Then the positive control: a second server that busy-waits on the unknown-user path
 * (`--bench-delay-path unknown-user`, src/bench-delay.ts) must be DETECTED.
 *
 *   npx tsx bench/oracle-recovery.ts [--samples 1000] [--warmup 200] [--delay 20]
 *
 * Every name is used once, so both classes always take the first-attempt branch of the attempt
 * counter (an insert) and neither meets the limit; real users are created through SignUp and
 * ConfirmSignUp with the code read from GET /_hushpool/messages.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type CallResult, createClient } from "./lib/http-client.ts";
import { type OracleResult, printOracle, printOracleWithControl, runOracle } from "./lib/oracle.ts";
import { type ServerProcess, startServerProcess } from "./lib/server.ts";

const { values } = parseArgs({
  options: {
    samples: { type: "string", default: "1000" },
    warmup: { type: "string", default: "200" },
    delay: { type: "string", default: "20" },
  },
});
const samplesPerClass = Number(values.samples);
const warmup = Number(values.warmup);
const delayMicros = Number(values.delay);
const perClass = samplesPerClass + warmup;
const client = createClient({ maxSockets: 4 });

function ok(r: CallResult, what: string): Record<string, unknown> {
  if (r.status !== 200) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
}

async function latestCode(base: string, poolId: string, username: string): Promise<string> {
  const res = await fetch(`${base}/_hushpool/messages?poolId=${poolId}&username=${username}`);
  const { Messages } = (await res.json()) as { Messages: { code: string | null }[] };
  const code = Messages.at(-1)?.code;
  if (!code) throw new Error(`no code for ${username}`);
  return code;
}

/** Names of equal length per class: `c000123`, `u000123`, `k000123`. */
const names = (prefix: string): string[] =>
  Array.from({ length: perClass }, (_, i) => `${prefix}${String(i).padStart(6, "0")}`);

interface Target {
  srv: ServerProcess;
  clientId: string;
  confirmed: string[];
  unconfirmed: string[];
}

/** One pool (email codes, legacy recovery order), an ENABLED client, and the two sets of real users. */
async function prepare(srv: ServerProcess): Promise<Target> {
  const base = srv.baseUrl;
  const pool = ok(
    await client.call(base, "CreateUserPool", { PoolName: "oracle", AutoVerifiedAttributes: ["email"] }),
    "pool",
  );
  const poolId = String((pool.UserPool as { Id: string }).Id);
  const created = ok(
    await client.call(base, "CreateUserPoolClient", {
      UserPoolId: poolId,
      ClientName: "oracle",
      PreventUserExistenceErrors: "ENABLED",
    }),
    "client",
  );
  const clientId = String((created.UserPoolClient as { ClientId: string }).ClientId);
  const signUp = async (Username: string) =>
    ok(
      await client.call(base, "SignUp", {
        ClientId: clientId,
        Username,
        Password: "Passw0rd!",
        UserAttributes: [{ Name: "email", Value: `${Username}@example.com` }],
      }),
      "SignUp",
    );
  const confirmed = names("c");
  for (const u of confirmed) {
    await signUp(u);
    const code = await latestCode(base, poolId, u);
    ok(
      await client.call(base, "ConfirmSignUp", { ClientId: clientId, Username: u, ConfirmationCode: code }),
      "confirm",
    );
  }
  const unconfirmed = names("u");
  for (const u of unconfirmed) await signUp(u);
  return { srv, clientId, confirmed, unconfirmed };
}

/** Real user vs unknown name for one operation; each send uses the next unused name of its class. */
async function oracle(t: Target, operation: string, real: string[], delay: number): Promise<OracleResult> {
  const unknown = names("k");
  const sender = (queue: string[]) => async (): Promise<void> => {
    const Username = queue.shift();
    if (!Username) throw new Error("out of names");
    ok(await client.call(t.srv.baseUrl, operation, { ClientId: t.clientId, Username }), operation);
  };
  return runOracle({
    name: `${operation} (ENABLED): real user vs unknown name`,
    classes: [
      { label: "real user", send: sender([...real]) },
      { label: "unknown name", send: sender(unknown) },
    ],
    samplesPerClass,
    warmup,
    delayMicros: delay,
  });
}

const dirs = [
  mkdtempSync(join(tmpdir(), "hushpool-oracle-a-")),
  mkdtempSync(join(tmpdir(), "hushpool-oracle-b-")),
];
const plain = await startServerProcess({ dataDir: dirs[0] ?? "" });
const slowed = await startServerProcess({
  dataDir: dirs[1] ?? "",
  args: ["--bench-delay-micros", String(delayMicros), "--bench-delay-path", "unknown-user"],
});
let allOk = true;
try {
  const started = Date.now();
  const [a, b] = [await prepare(plain), await prepare(slowed)];
  console.log(`setup: ${2 * 2 * perClass} users in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  for (const [operation, pick] of [
    ["ForgotPassword", (t: Target) => t.confirmed],
    ["ResendConfirmationCode", (t: Target) => t.unconfirmed],
  ] as const) {
    const real = await oracle(a, operation, pick(a), 0);
    const control = await oracle(b, operation, pick(b), delayMicros);
    printOracle(real);
    printOracle(control);
    allOk = printOracleWithControl(real, control) && allOk;
    console.log("");
  }
} finally {
  client.close();
  await plain.stop();
  await slowed.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
process.exitCode = allOk ? 0 : 1;
