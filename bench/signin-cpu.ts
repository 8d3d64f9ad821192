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
import { testConfig } from "../test/helpers/test-config.ts";
import { handlerSignIn } from "./auth/handler-signin.ts";
import { namePicker } from "./auth/pick-names.ts";
import { benchName, seedUsers } from "./auth/seed-users.ts";
import { floorFor, measureFloor, printFloor, ratioText } from "./lib/floor.ts";

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
const name = namePicker(99, users, values.unknown);
const clientMs = { total: 0 };
const target = { initiate: initiateAuth, respond: respondToAuthChallenge, services: s, seeded };

/** One sign-in through the handlers; the client's maths (SRP) is measured apart and subtracted. */
const signIn = (flow: "password" | "srp") => async (): Promise<void> => {
  clientMs.total += (await handlerSignIn(target, { flow, name: name(), refused: values.unknown })) / 1000;
};
const password = signIn("password");
const srp = signIn("srp");

const cpuMsSince = (c: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

try {
  for (const [label, task, floorMs] of [
    ["USER_PASSWORD_AUTH", password, floorFor(floor, "password", values.unknown)],
    ["USER_SRP_AUTH (both steps)", srp, floorFor(floor, "srp", values.unknown)],
  ] as const) {
    for (let i = 0; i < 50; i++) await task();
    clientMs.total = 0;
    const c = process.cpuUsage();
    for (let i = 0; i < n; i++) await task();
    const perCall = (cpuMsSince(c) - clientMs.total) / n;
    console.log(
      `handler CPU per sign-in, ${label}${values.unknown ? " (unknown names)" : ""}: ${ratioText(perCall, floorMs)}`,
    );
  }
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
