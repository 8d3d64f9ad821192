/**
 * Timing oracle for sign-in under PreventUserExistenceErrors = ENABLED (docs/measuring.md#the-timing-oracle-test, method
 * in docs/measuring.md): for USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and USER_SRP_AUTH step 1, a
 * random interleaving of "real user, wrong password" and "unknown name", one request in flight, over
 * loopback, against a server in a child process; Welch's t raw and cropped, KS p. Then the positive
 * control: a second server that busy-waits on the unknown-user path (`--bench-delay-path
 * unknown-user`, src/bench-delay.ts) must be DETECTED.
 *
 *   npx tsx bench/oracle-signin.ts [--samples 2000] [--warmup 200] [--delay 20] [--flows A,B]
 *
 * Lockout: every name (real or unknown) is used once per flow, so each sees at most two failures
 * (the two password flows) and neither class ever reaches the lockout branch. Names are UUID-shaped
 * and of equal length, real `…-8000-…` and unknown `…-9000-…`, so that SRP answers have equal sizes
 * (bench/auth/seed-users.ts uuidName). Users are seeded through the store ports.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { srpStart } from "../test/helpers/srp-client.ts";
import { type Seeded, seedUsers, uuidName } from "./auth/seed-users.ts";
import { type CallResult, createClient } from "./lib/http-client.ts";
import { type OracleResult, printOracle, printOracleWithControl, runOracle } from "./lib/oracle.ts";
import { type ServerProcess, startServerProcess } from "./lib/server.ts";

const { values } = parseArgs({
  options: {
    samples: { type: "string", default: "2000" },
    warmup: { type: "string", default: "200" },
    delay: { type: "string", default: "20" },
    flows: { type: "string", default: "USER_PASSWORD_AUTH,ADMIN_USER_PASSWORD_AUTH,USER_SRP_AUTH" },
  },
});
const samplesPerClass = Number(values.samples);
const warmup = Number(values.warmup);
const delayMicros = Number(values.delay);
const perClass = samplesPerClass + warmup;
const client = createClient({ maxSockets: 4 });
const realName = (i: number): string => uuidName(i, "8");
const unknownName = (i: number): string => uuidName(i, "9");
// A few client values for SRP step 1, made up front so the timed request does no client maths.
const srpAs = Array.from({ length: 16 }, () => srpStart().srpA);

interface Target {
  srv: ServerProcess;
  seeded: Seeded;
}

function refused(r: CallResult, what: string): void {
  const body = r.body as { __type?: string };
  if (r.status !== 400 || body.__type !== "NotAuthorizedException") {
    throw new Error(`${what}: expected the generic refusal, got HTTP ${r.status} ${JSON.stringify(r.body)}`);
  }
}

function challenged(r: CallResult, what: string): void {
  if (r.status !== 200 || (r.body as { ChallengeName?: string }).ChallengeName !== "PASSWORD_VERIFIER") {
    throw new Error(`${what}: expected PASSWORD_VERIFIER, got HTTP ${r.status} ${JSON.stringify(r.body)}`);
  }
}

type Flow = "USER_PASSWORD_AUTH" | "ADMIN_USER_PASSWORD_AUTH" | "USER_SRP_AUTH";

function request(t: Target, flow: Flow, username: string, i: number): Promise<CallResult> {
  const { poolId, clientId } = t.seeded;
  if (flow === "USER_SRP_AUTH") {
    const SRP_A = srpAs[i % srpAs.length] ?? "";
    return client.call(t.srv.baseUrl, "InitiateAuth", {
      ClientId: clientId,
      AuthFlow: flow,
      AuthParameters: { USERNAME: username, SRP_A },
    });
  }
  const admin = flow === "ADMIN_USER_PASSWORD_AUTH";
  return client.call(t.srv.baseUrl, admin ? "AdminInitiateAuth" : "InitiateAuth", {
    ...(admin ? { UserPoolId: poolId } : {}),
    ClientId: clientId,
    AuthFlow: flow,
    AuthParameters: { USERNAME: username, PASSWORD: "Wrong-Passw0rd!" },
  });
}

async function oracle(t: Target, flow: Flow, delay: number): Promise<OracleResult> {
  const sender = (name: (i: number) => string) => {
    let i = 0;
    return async (): Promise<void> => {
      const n = i++;
      const r = await request(t, flow, name(n), n);
      if (flow === "USER_SRP_AUTH") challenged(r, flow);
      else refused(r, flow);
    };
  };
  return runOracle({
    name: `${flow}${flow === "USER_SRP_AUTH" ? " step 1" : ""} (ENABLED): real user (wrong password) vs unknown name`,
    classes: [
      { label: "real user", send: sender(realName) },
      { label: "unknown name", send: sender(unknownName) },
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
const [dirA, dirB] = [dirs[0] ?? "", dirs[1] ?? ""];
const quiet = () => undefined;
const seededA = await seedUsers(dirA, perClass, quiet, realName);
const seededB = await seedUsers(dirB, perClass, quiet, realName);
const plain = await startServerProcess({ dataDir: dirA });
const slowed = await startServerProcess({
  dataDir: dirB,
  args: ["--bench-delay-micros", String(delayMicros), "--bench-delay-path", "unknown-user"],
});
let allOk = true;
try {
  console.log(
    `sign-in oracle: ${samplesPerClass} samples per class, ${warmup} warm-up, control +${delayMicros} µs\n`,
  );
  for (const flow of String(values.flows).split(",") as Flow[]) {
    const real = await oracle({ srv: plain, seeded: seededA }, flow, 0);
    const control = await oracle({ srv: slowed, seeded: seededB }, flow, delayMicros);
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
