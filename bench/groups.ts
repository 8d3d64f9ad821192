/**
 * Groups at scale (docs/performance.md#groups): tokens for a user in 100 groups (the per-user limit)
 * against a user in none, and ListUsersInGroup over a group of N members (default 100,000), walked
 * to the end with Limit 60. Seeding goes through the domain API and the storage ports in-process
 * (createGroup, addUserToGroup, users.create, groups.addMember in batched transactions) before the
 * server starts on the data directory; every measured request goes through the server's API.
 *
 *   npx tsx bench/groups.ts [--members 100000] [--samples 500]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startApp } from "../src/app.ts";
import { addUserToGroup, createGroup } from "../src/domain/groups/index.ts";
import { sealCredential } from "../src/domain/users/credentials.ts";
import { newUserRecord } from "../src/domain/users/new-user.ts";
import { createUserPool } from "../src/operations/create-user-pool.ts";
import { createUserPoolClient } from "../src/operations/create-user-pool-client.ts";
import { testConfig } from "../test/helpers/test-config.ts";
import { type CallResult, createClient } from "./lib/http-client.ts";
import { type LoadResult, printLoad, runLoad } from "./lib/load.ts";
import { startServerProcess } from "./lib/server.ts";

const { values } = parseArgs({
  options: {
    members: { type: "string", default: "100000" },
    samples: { type: "string", default: "500" },
  },
});
const members = Number(values.members);
const samples = Number(values.samples);
const PASSWORD = "Bench-Passw0rd!";
const dataDir = mkdtempSync(join(tmpdir(), "hushpool-bench-groups-"));
const client = createClient({ maxSockets: 1 });

function ok(op: string, r: CallResult): Record<string, unknown> {
  if (r.status !== 200) throw new Error(`${op} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
}

async function seed(): Promise<{ poolId: string; clientId: string }> {
  const app = await startApp(testConfig({ data: dataDir }));
  const s = app.services;
  const ctx = { requestId: "seed", log: s.log, remoteAddress: "127.0.0.1" };
  try {
    const { UserPool } = (await createUserPool.handle({ PoolName: "bench" }, s, ctx)) as {
      UserPool: { Id: string };
    };
    const { UserPoolClient } = (await createUserPoolClient.handle(
      { UserPoolId: UserPool.Id, ClientName: "bench", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] },
      s,
      ctx,
    )) as { UserPoolClient: { ClientId: string } };
    const pool = await s.store.pools.get(UserPool.Id);
    if (!pool) throw new Error("seed: pool missing");
    const person = async (username: string) => {
      const u = newUserRecord({ pool, username, attributes: {}, status: "CONFIRMED", now: Date.now() });
      const user = { ...u, credential: sealCredential(s.box, u, PASSWORD), credentialSetAt: Date.now() };
      await s.store.users.create(user);
      return user;
    };
    const many = await person("many");
    await person("none");
    for (let i = 0; i < 100; i++) {
      const g = await createGroup(
        s.store,
        {
          poolId: pool.id,
          name: `group${String(i).padStart(3, "0")}`,
          precedence: i % 7,
          roleArn: `arn:aws:iam::111111111111:role/Role${i % 7}`,
        },
        Date.now(),
      );
      await addUserToGroup(s.store, g, many);
    }
    await createGroup(s.store, { poolId: pool.id, name: "big" }, Date.now());
    const started = Date.now();
    for (let i = 0; i < members; i += 1000) {
      await s.store.transaction(async (tx) => {
        for (let j = i; j < Math.min(members, i + 1000); j++) {
          const u = newUserRecord({
            pool,
            username: `member${j}`,
            attributes: {},
            status: "CONFIRMED",
            now: Date.now(),
          });
          await tx.users.create(u);
          await tx.groups.addMember(pool.id, "big", u.sub);
        }
      });
    }
    console.log(`seeded ${members} members of "big" in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { poolId: pool.id, clientId: UserPoolClient.ClientId };
  } finally {
    await app.close();
  }
}

const { poolId, clientId } = await seed();
const server = await startServerProcess({ dataDir });
const url = server.baseUrl;
try {
  const signIn = (USERNAME: string) => async () => {
    const body = ok(
      "InitiateAuth",
      await client.call(url, "InitiateAuth", {
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME, PASSWORD },
      }),
    );
    const id = (body.AuthenticationResult as { IdToken: string }).IdToken;
    const claims = JSON.parse(Buffer.from(id.split(".")[1] ?? "", "base64url").toString()) as Record<
      string,
      unknown
    >;
    const n = (claims["cognito:groups"] as unknown[] | undefined)?.length ?? 0;
    if (n !== (USERNAME === "many" ? 100 : 0)) throw new Error(`${USERNAME}: ${n} groups in the ID token`);
  };
  const seq = (label: string, task: () => Promise<void>): Promise<LoadResult> =>
    runLoad({ concurrency: 1, total: samples, task }).then((r) => {
      printLoad(label, r);
      return r;
    });
  const none = await seq("InitiateAuth, user in 0 groups (sequential)", signIn("none"));
  const hundred = await seq("InitiateAuth, user in 100 groups (sequential)", signIn("many"));

  const pages: number[] = [];
  let NextToken: string | undefined;
  let seen = 0;
  const walkStart = process.hrtime.bigint();
  do {
    const t = process.hrtime.bigint();
    const body = ok(
      "ListUsersInGroup",
      await client.call(url, "ListUsersInGroup", {
        UserPoolId: poolId,
        GroupName: "big",
        Limit: 60,
        NextToken,
      }),
    );
    pages.push(Number(process.hrtime.bigint() - t) / 1000);
    seen += (body.Users as unknown[]).length;
    NextToken = body.NextToken as string | undefined;
  } while (NextToken);
  const walkS = Number(process.hrtime.bigint() - walkStart) / 1e9;
  if (seen !== members) throw new Error(`walked ${seen} members, expected ${members}`);
  pages.sort((a, b) => a - b);
  const pct = (p: number) =>
    ((pages[Math.min(pages.length - 1, Math.floor(p * pages.length))] ?? 0) / 1000).toFixed(2);
  console.log(
    `ListUsersInGroup walk: ${members} members in ${pages.length} pages, ${walkS.toFixed(1)} s; page p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`,
  );
  const ms = (us: number) => (us / 1000).toFixed(2);
  console.log("\nMarkdown row:");
  console.log(
    "| members | sign-in 0 groups p50 / p99 | sign-in 100 groups p50 / p99 | ListUsersInGroup page p50 / p99 | full walk |",
  );
  console.log(
    `| ${members} | ${ms(none.latency.p50)} / ${ms(none.latency.p99)} ms | ${ms(hundred.latency.p50)} / ${ms(hundred.latency.p99)} ms | ${pct(0.5)} / ${pct(0.99)} ms | ${walkS.toFixed(1)} s |`,
  );
} finally {
  await server.stop();
  client.close();
  rmSync(dataDir, { recursive: true, force: true });
}
