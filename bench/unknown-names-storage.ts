/**
 * Bounded storage under unauthenticated traffic (docs/performance.md#unknown-names-at-the-quota-rate):
 * random names that no user has arrive at the request-rate quota of their categories (ForgotPassword
 * and ConfirmForgotPassword share UserAccountRecovery, InitiateAuth with USER_PASSWORD_AUTH and
 * USER_SRP_AUTH is UserAuthentication, ResendConfirmationCode is UserResourceRead), `--over` times as
 * many as the quota admits, for `--minutes` of server time. Every row the masked path writes (decoy
 * codes and messages, attempt and lockout counters, challenge sessions) must end in a sweep, so the
 * row counts level off once the longest lifetime has passed instead of growing with the minutes.
 *
 * The server runs in-process on a clock the bench moves: each simulated second's requests go out
 * together, then the clock moves on a second, so hours of server time take minutes. The sweep runs
 * every `--sweep-every` simulated minutes, as the housekeeping job does. `--scale` multiplies AWS's
 * default rates (storage grows in proportion to the rate, so a run at 0.1 shows a tenth of the rows).
 *
 *   npx tsx bench/unknown-names-storage.ts [--minutes 120] [--scale 0.1] [--over 1.25]
 *   npx tsx bench/unknown-names-storage.ts --database-url postgres://postgres@127.0.0.1:5432/test
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startApp } from "../src/app.ts";
import { AWS_DEFAULT_LIMITS } from "../src/domain/quotas/index.ts";
import { sweepOnce } from "../src/jobs/housekeeping.ts";
import { freshSchema, type TestSchema } from "../test/helpers/postgres.ts";
import { srpStart } from "../test/helpers/srp-client.ts";
import { testConfig } from "../test/helpers/test-config.ts";
import { createClient } from "./lib/http-client.ts";
import { measureGate } from "./lib/quota-cost.ts";
import { tableSizes, vacuum } from "./lib/table-sizes.ts";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "120" },
    scale: { type: "string", default: "0.1" },
    over: { type: "string", default: "1.25" },
    "sweep-every": { type: "string", default: "10" },
    "database-url": { type: "string", default: "" },
  },
});
const minutes = Number(values.minutes);
const over = Number(values.over);
const sweepEvery = Number(values["sweep-every"]);
const rate = (aws: number) => Math.max(1, Math.round(aws * Number(values.scale)));
const limits = {
  UserAccountRecovery: rate(AWS_DEFAULT_LIMITS.UserAccountRecovery ?? 0),
  UserAuthentication: rate(AWS_DEFAULT_LIMITS.UserAuthentication ?? 0),
  UserResourceRead: rate(AWS_DEFAULT_LIMITS.UserResourceRead ?? 0),
};
const quota = `off,${Object.entries(limits)
  .map(([c, n]) => `${c}=${n}`)
  .join(",")}`;

const dataDir = mkdtempSync(join(tmpdir(), "hushpool-bench-names-"));
const schema: TestSchema | null = values["database-url"] ? await freshSchema(values["database-url"]) : null;
let now = Date.UTC(2030, 0, 1);
const app = await startApp(
  testConfig({ data: dataDir, quota, ...(schema ? { databaseUrl: schema.url } : {}) }),
  { clock: { now: () => now } },
);
const client = createClient({ maxSockets: 32 });
const call = (op: string, body: unknown) => client.call(app.url, op, body);

const pool = (await call("CreateUserPool", { PoolName: "names", AutoVerifiedAttributes: ["email"] }))
  .body as {
  UserPool: { Id: string };
};
const created = await call("CreateUserPoolClient", {
  UserPoolId: pool.UserPool.Id,
  ClientName: "public",
  PreventUserExistenceErrors: "ENABLED",
  ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
});
const ClientId = (created.body as { UserPoolClient: { ClientId: string } }).UserPoolClient.ClientId;
const SRP_A = srpStart().srpA;
const name = () => `n-${randomBytes(8).toString("hex")}`;

/** One request of each category, alternating between its operations. */
const senders: Record<keyof typeof limits, ((i: number) => ReturnType<typeof call>)[]> = {
  UserAccountRecovery: [
    () => call("ForgotPassword", { ClientId, Username: name() }),
    () =>
      call("ConfirmForgotPassword", {
        ClientId,
        Username: name(),
        ConfirmationCode: "123456",
        Password: "N3w-Passw0rd!",
      }),
  ],
  UserAuthentication: [
    () =>
      call("InitiateAuth", {
        ClientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: name(), PASSWORD: "Passw0rd!" },
      }),
    () =>
      call("InitiateAuth", {
        ClientId,
        AuthFlow: "USER_SRP_AUTH",
        AuthParameters: { USERNAME: name(), SRP_A },
      }),
  ],
  UserResourceRead: [() => call("ResendConfirmationCode", { ClientId, Username: name() })],
};

const cost = await measureGate(app.services.store, pool.UserPool.Id);
console.log(`store: ${schema ? "postgresql" : "sqlite"}; quota ${quota}; ${over}× the quota sent`);
console.log(`quota check: ${cost.admitUs.toFixed(0)} µs per admitted request (one store statement),`);
console.log(`  ${cost.refusedPerSec.toFixed(0)} refusals/s once a window is full (no store statement)\n`);

const tally = { sent: 0, admitted: 0, refused: 0 };
const header = ["minute", "sent", "admitted", "refused", "removed"];
let printedHeader = false;
const started = Date.now();
for (let second = 1; second <= minutes * 60; second++) {
  const batch = Object.entries(limits).flatMap(([category, limit]) =>
    Array.from({ length: Math.ceil(limit * over) }, (_, i) => {
      const kinds = senders[category as keyof typeof limits];
      return (kinds[i % kinds.length] ?? kinds[0])?.(i);
    }),
  );
  for (const r of await Promise.all(batch)) {
    tally.sent++;
    const type = (r?.body as { __type?: string } | undefined)?.__type;
    if (type === "TooManyRequestsException") tally.refused++;
    else tally.admitted++;
  }
  now += 1001; // just past the one-second window, so each simulated second is a window of its own
  if (second % (sweepEvery * 60) !== 0) continue;
  const removed = Object.values(await sweepOnce(app.services)).reduce((a, b) => a + b, 0);
  // Autovacuum has ten real minutes between two sweeps in production, a few seconds here.
  if (schema) await vacuum(schema.url);
  const sizes = await tableSizes(dataDir, schema?.url);
  if (!printedHeader) {
    console.log(`| ${[...header, ...Object.keys(sizes.rows), "MiB in use"].join(" | ")} |`);
    console.log(`|${"---|".repeat(header.length + Object.keys(sizes.rows).length + 1)}`);
    printedHeader = true;
  }
  const cells = [
    second / 60,
    tally.sent,
    tally.admitted,
    tally.refused,
    removed,
    ...Object.values(sizes.rows),
  ];
  console.log(`| ${[...cells, (sizes.bytes / 2 ** 20).toFixed(1)].join(" | ")} |`);
}
console.log(`\n${tally.sent} requests in ${((Date.now() - started) / 1000).toFixed(0)} s of wall time`);
client.close();
await app.close();
await schema?.drop();
rmSync(dataDir, { recursive: true, force: true });
