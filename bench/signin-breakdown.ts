/**
 * Where a sign-in's handler CPU goes, by component, against the floor's own figures: the crypto
 * primitives of node:crypto and the SQLite statements are wrapped (each call timed with
 * process.cpuUsage()) before the server's modules load, the InitiateAuth / RespondToAuthChallenge
 * handlers are called directly in this process (no HTTP), and per sign-in it prints the calls, the
 * CPU inside each component and the rest (JavaScript, JSON, AES-GCM, hashing, GC). The floor
 * (bench/lib/floor.ts, measured in this process first) times the same primitives in a tight loop, so
 * the two columns show how much dearer a primitive is inside a request than alone
 * (docs/performance.md#where-the-overhead-goes-component-by-component).
 *
 *   npx tsx bench/signin-breakdown.ts [--flow password|srp] [--unknown] [--users 2000] [--signins 1000]
 *
 * Each wrapped call costs two getrusage calls (~1–2 µs), which land in the component; the total per
 * sign-in is measured around the whole loop. The SRP client's maths, in this process too, is
 * measured apart and subtracted.
 */

import crypto from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openSqlite } from "../src/storage/sql/sqlite-driver.ts";
import { namePicker } from "./auth/pick-names.ts";

const { values } = parseArgs({
  options: {
    flow: { type: "string", default: "password" },
    unknown: { type: "boolean", default: false },
    users: { type: "string", default: "2000" },
    signins: { type: "string", default: "1000" },
  },
});
const flow = values.flow === "srp" ? "srp" : "password";
const users = Number(values.users);
const n = Number(values.signins);

const tally = new Map<string, { calls: number; us: number }>();
/** >0 while a timed call runs (nested wrapped calls count in the outer one) or the client's maths runs. */
let depth = 0;
const usSince = (c: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(c);
  return d.user + d.system;
};

function wrap(owner: object, key: string, label: string): void {
  const target = owner as Record<string, unknown>;
  const original = target[key] as (...args: unknown[]) => unknown;
  target[key] = function (this: unknown, ...args: unknown[]) {
    if (depth > 0) return original.apply(this, args);
    depth++;
    const c = process.cpuUsage();
    try {
      return original.apply(this, args);
    } finally {
      const us = usSince(c);
      depth--;
      const t = tally.get(label) ?? { calls: 0, us: 0 };
      t.calls++;
      t.us += us;
      tally.set(label, t);
    }
  };
}

// Before any server module is imported: their named imports of node:crypto see the wrapped
// functions once syncBuiltinESMExports() has run.
wrap(crypto, "sign", "RS256 sign (crypto.sign)");
wrap(crypto, "publicEncrypt", "RSA-OAEP wrap (publicEncrypt)");
wrap(crypto, "hkdfSync", "HKDF (hkdfSync)");
wrap(crypto, "randomBytes", "randomBytes");
const dh = crypto.createDiffieHellman(Buffer.from("ffffffffffffffc5", "hex"), Buffer.from([2]));
wrap(Object.getPrototypeOf(dh), "computeSecret", "modexp y^e (DH computeSecret)");
wrap(Object.getPrototypeOf(dh), "generateKeys", "modexp g^e (DH generateKeys)");
syncBuiltinESMExports();
const probe = openSqlite(":memory:");
const statementProto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as object;
for (const k of ["run", "get", "all"]) wrap(statementProto, k, `SQLite statement .${k}()`);
probe.close();

const { startApp } = await import("../src/app.ts");
const { initiateAuth } = await import("../src/operations/initiate-auth.ts");
const { respondToAuthChallenge } = await import("../src/operations/respond-to-auth-challenge.ts");
const { handlerSignIn } = await import("./auth/handler-signin.ts");
const { testConfig } = await import("../test/helpers/test-config.ts");
const { benchName, seedUsers } = await import("./auth/seed-users.ts");
const { measureFloor, printFloor } = await import("./lib/floor.ts");

const dataDir = mkdtempSync(join(tmpdir(), "hushpool-signin-breakdown-"));
const seeded = await seedUsers(dataDir, users, () => {});
depth++; // the floor times its primitives itself
const floor = measureFloor({
  sqlite: { file: join(dataDir, "hushpool.sqlite"), poolId: seeded.poolId, name: benchName, users },
  scale: 0.5,
});
depth--;
printFloor(floor);
const app = await startApp(testConfig({ data: dataDir }));
const s = app.services;
const nextName = namePicker(7, users, values.unknown);
let clientUs = 0;
/** The SRP client's maths: left out of the components (depth), and subtracted from the total. */
const outsideTheWrappers = <T>(fn: () => T): T => {
  depth++;
  try {
    return fn();
  } finally {
    depth--;
  }
};
const target = { initiate: initiateAuth, respond: respondToAuthChallenge, services: s, seeded };
async function signIn(): Promise<void> {
  clientUs += await handlerSignIn(target, {
    flow,
    name: nextName(),
    refused: values.unknown,
    clientSide: outsideTheWrappers,
  });
}

try {
  for (let i = 0; i < 100; i++) await signIn();
  tally.clear();
  clientUs = 0;
  const c = process.cpuUsage();
  for (let i = 0; i < n; i++) await signIn();
  const totalUs = (usSince(c) - clientUs) / n;
  const what = `${flow === "srp" ? "USER_SRP_AUTH (both steps)" : "USER_PASSWORD_AUTH"}${values.unknown ? ", unknown names (refused)" : ""}`;
  console.log(
    `${what}: ${n} sign-ins, ${users} users, Node ${process.version}, load average ${loadavg()[0]?.toFixed(2)}`,
  );
  console.log(`handler CPU per sign-in: ${totalUs.toFixed(0)} µs`);
  const alone: Record<string, number> = {
    "modexp g^e (DH generateKeys)": floor.modexpMs,
    "modexp y^e (DH computeSecret)": floor.modexpMs,
    "RS256 sign (crypto.sign)": floor.rs256SignMs,
  };
  let inComponents = 0;
  console.log("  component                          calls  µs per sign-in  µs each  alone (floor)");
  for (const [label, t] of [...tally].sort((a, b) => b[1].us - a[1].us)) {
    const per = t.us / n;
    inComponents += per;
    const single = alone[label];
    console.log(
      `  ${label.padEnd(34)} ${(t.calls / n).toFixed(2).padStart(5)}  ${per.toFixed(1).padStart(14)}  ${(t.us / t.calls).toFixed(1).padStart(7)}  ${single === undefined ? "" : `${(single * 1000).toFixed(1)}`}`,
    );
  }
  console.log(
    `  ${"rest (JS, JSON, AES-GCM, hashes, GC)".padEnd(34)}        ${(totalUs - inComponents).toFixed(1).padStart(14)}`,
  );
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
