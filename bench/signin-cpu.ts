/**
 * Server CPU of a sign-in without HTTP: seeds N users, starts the app in this process (no port is
 * used for the measured calls) and calls the InitiateAuth / RespondToAuthChallenge handlers directly,
 * one at a time, reading process.cpuUsage() around each batch. Compared with the floor measured in
 * the same process (bench/lib/floor.ts), this separates the handler's own overhead from what HTTP and
 * the kernel's loopback add (bench/signin-throughput.ts measures the whole request).
 *
 *   npx tsx bench/signin-cpu.ts [--users 2000] [--signins 500] [--unknown]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startApp } from "../src/app.ts";
import { initiateAuth } from "../src/operations/initiate-auth.ts";
import { respondToAuthChallenge } from "../src/operations/respond-to-auth-challenge.ts";
import { srpRespond, srpStart } from "../test/helpers/srp-client.ts";
import { testConfig } from "../test/helpers/test-config.ts";
import { BENCH_PASSWORD, benchName, seedUsers } from "./auth/seed-users.ts";
import { measureFloor, printFloor, ratioText } from "./lib/floor.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "2000" },
    signins: { type: "string", default: "500" },
    unknown: { type: "boolean", default: false },
  },
});
const users = Number(values.users);
const n = Number(values.signins);
const dataDir = mkdtempSync(join(tmpdir(), "hushpool-signin-cpu-"));
const seeded = await seedUsers(dataDir, users, () => {});
const floor = measureFloor({
  sqlite: { file: join(dataDir, "hushpool.sqlite"), poolId: seeded.poolId, name: benchName, users },
  scale: 0.5,
});
console.log(`node ${process.version}, load average ${loadavg()[0]?.toFixed(2)}, ${users} users`);
printFloor(floor);
const app = await startApp(testConfig({ data: dataDir }));
const s = app.services;
const ctx = { requestId: "bench", log: s.log, remoteAddress: "127.0.0.1" };
let x = 99;
const name = (): string => {
  x = (x * 1103515245 + 12345) % 2147483648;
  return values.unknown ? `nouser${String(x % 99999).padStart(5, "0")}` : benchName(x % users);
};
const srpClientMs = { total: 0 };

async function password(): Promise<void> {
  await initiateAuth
    .handle(
      {
        ClientId: seeded.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: name(), PASSWORD: BENCH_PASSWORD },
      },
      s,
      ctx,
    )
    .catch((e: unknown) => {
      if (!values.unknown) throw e;
    });
}

async function srp(): Promise<void> {
  // The client's maths runs in this process too: its CPU is measured apart and subtracted.
  const c0 = process.cpuUsage();
  const start = srpStart();
  srpClientMs.total += cpuMsSince(c0);
  const r1 = (await initiateAuth.handle(
    {
      ClientId: seeded.clientId,
      AuthFlow: "USER_SRP_AUTH",
      AuthParameters: { USERNAME: name(), SRP_A: start.srpA },
    },
    s,
    ctx,
  )) as { ChallengeParameters: Record<string, string> };
  const c1 = process.cpuUsage();
  const responses = srpRespond(seeded.poolId, start, r1.ChallengeParameters, BENCH_PASSWORD);
  srpClientMs.total += cpuMsSince(c1);
  await respondToAuthChallenge
    .handle(
      { ClientId: seeded.clientId, ChallengeName: "PASSWORD_VERIFIER", ChallengeResponses: responses },
      s,
      ctx,
    )
    .catch((e: unknown) => {
      if (!values.unknown) throw e;
    });
}

const cpuMsSince = (c: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

try {
  for (const [label, task, floorMs] of [
    ["USER_PASSWORD_AUTH", password, floor.passwordMs],
    ["USER_SRP_AUTH (both steps)", srp, floor.srpMs],
  ] as const) {
    for (let i = 0; i < 50; i++) await task();
    srpClientMs.total = 0;
    const c = process.cpuUsage();
    for (let i = 0; i < n; i++) await task();
    const perCall = (cpuMsSince(c) - srpClientMs.total) / n;
    console.log(
      `handler CPU per sign-in, ${label}${values.unknown ? " (unknown names)" : ""}: ${ratioText(perCall, floorMs)}`,
    );
  }
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
