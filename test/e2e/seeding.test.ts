import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import { awsCliSkip, openAwsCli } from "../helpers/aws-cli.ts";
import { startTestServer } from "../helpers/server.ts";

/**
 * Seeded, pinned, resettable (docs/seeding.md): a seed file's pinned ids found with the SDK, its user
 * signing in (USER_PASSWORD_AUTH and SRP), a second start changing nothing, reset, export → re-seed,
 * `_custom_id_` through the AWS CLI, and the message reader's long-poll.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "hushpool-seed-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const POOL = "us-east-1_seeded01";
const CLIENT = "seededclient0000000000000a";
const SECRET_CLIENT = "seededclient0000000000000b";
const SECRET = "s3cretseededclientsecret0123456789";
const seed = {
  pools: [
    {
      Id: POOL,
      PoolName: "seeded",
      UsernameAttributes: ["email"],
      clients: [
        {
          ClientId: CLIENT,
          ClientName: "web",
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        },
        { ClientId: SECRET_CLIENT, ClientName: "backend", ClientSecret: SECRET },
      ],
      users: [
        {
          Username: "ada@example.com",
          Password: "Passw0rd!",
          UserAttributes: [
            { Name: "name", Value: "Ada" },
            { Name: "email_verified", Value: "true" },
          ],
        },
        { Username: "bob@example.com", TemporaryPassword: "Temp0rary!", Enabled: false },
      ],
    },
  ],
};
const seedFile = join(dir, "seed.json");
writeFileSync(seedFile, JSON.stringify(seed));

test("a seeded server: pinned ids, the user signs in, a second start changes nothing, reset restores", async () => {
  const data = join(dir, "one");
  let s = await startTestServer({ seed: seedFile, data });
  try {
    const pool = await s.client.send(new DescribeUserPoolCommand({ UserPoolId: POOL }));
    assert.equal(pool.UserPool?.Name, "seeded");
    const c = await s.client.send(
      new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: SECRET_CLIENT }),
    );
    assert.equal(c.UserPoolClient?.ClientSecret, SECRET);
    const auth = await s.client.send(
      new InitiateAuthCommand({
        ClientId: CLIENT,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "ada@example.com", PASSWORD: "Passw0rd!" },
      }),
    );
    assert.ok(auth.AuthenticationResult?.IdToken);
    const srp = await srpSignIn(s.url, "ada@example.com", "Passw0rd!");
    assert.equal(srp, "ok");
    const bob = await s.client.send(
      new AdminGetUserCommand({ UserPoolId: POOL, Username: "bob@example.com" }),
    );
    assert.equal(bob.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.equal(bob.Enabled, false);
    const before = await s.client.send(
      new AdminGetUserCommand({ UserPoolId: POOL, Username: "ada@example.com" }),
    );
    await s.stop();

    s = await startTestServer({ seed: seedFile, data });
    const again = await s.client.send(
      new AdminGetUserCommand({ UserPoolId: POOL, Username: "ada@example.com" }),
    );
    assert.deepEqual(again, { ...before, $metadata: again.$metadata });
    const pools = await s.client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    assert.equal(pools.UserPools?.length, 1);

    // Changes, then reset: the extra user and pool are gone, the seeded state is back.
    await s.client.send(
      new AdminCreateUserCommand({
        UserPoolId: POOL,
        Username: "extra@example.com",
        MessageAction: "SUPPRESS",
      }),
    );
    const res = await fetch(`${s.url}/_hushpool/reset`, { method: "POST" });
    assert.equal(res.status, 200);
    await assert.rejects(
      s.client.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "extra@example.com" })),
      { name: "UserNotFoundException" },
    );
    const ada = await s.client.send(
      new AdminGetUserCommand({ UserPoolId: POOL, Username: "ada@example.com" }),
    );
    assert.equal(ada.UserStatus, "CONFIRMED");
  } finally {
    await s.stop();
  }
});

function srpSignIn(url: string, username: string, password: string): Promise<string> {
  const pool = new CognitoUserPool({ UserPoolId: POOL, ClientId: CLIENT, endpoint: url });
  const user = new CognitoUser({ Username: username, Pool: pool });
  return new Promise((resolve) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: () => resolve("ok"),
      onFailure: (e: { code: string }) => resolve(e.code),
    });
  });
}

test("hushpool export re-seeds an empty server to the same configuration", async () => {
  const data = join(dir, "export-src");
  const s = await startTestServer({ seed: seedFile, data, masterKey: "" });
  await s.stop();
  const out = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ["--import", "tsx", "src/main.ts", "export", "--data", data],
      { cwd: ROOT },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    ),
  );
  const exported = JSON.parse(out) as { pools: { Id: string; users: object[] }[] };
  assert.equal(exported.pools[0]?.Id, POOL);
  assert.ok(!out.includes("Passw0rd!"), "no passwords in an export");
  const file = join(dir, "exported.json");
  writeFileSync(file, out);
  const t = await startTestServer({ seed: file });
  try {
    const c = await t.client.send(
      new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: SECRET_CLIENT }),
    );
    assert.equal(c.UserPoolClient?.ClientSecret, SECRET);
    const ada = await t.client.send(
      new AdminGetUserCommand({ UserPoolId: POOL, Username: "ada@example.com" }),
    );
    assert.equal(ada.UserAttributes?.find((a) => a.Name === "name")?.Value, "Ada");
    // Exporting the re-seeded server gives the same document.
    const { exportSeed } = await import("../../src/seed/export.ts");
    const again = await exportSeed(t.app.services.store, t.app.services.box);
    assert.deepEqual(again, exported);
  } finally {
    await t.stop();
  }
});

test("a seed file with an unknown key is refused, naming the entry", async () => {
  const bad = join(dir, "bad.json");
  writeFileSync(
    bad,
    JSON.stringify({
      pools: [{ Id: POOL, PoolName: "x", clients: [{ ClientId: "a", ClientName: "b", Colour: 1 }] }],
    }),
  );
  await assert.rejects(
    startTestServer({ seed: bad }),
    /pools\[0\]\.clients\[0\]: Unrecognized key: "Colour"/,
  );
});

test("_custom_id_ pins a pool id through the AWS CLI; a taken or malformed id is refused", {
  skip: awsCliSkip,
}, async () => {
  const s = await startTestServer();
  const cli = openAwsCli(s.url);
  try {
    const made = await cli.run(
      "create-user-pool",
      "--pool-name",
      "pinned",
      "--user-pool-tags",
      "_custom_id_=us-east-1_myid",
    );
    assert.equal(made.code, 0, made.stderr);
    assert.equal((JSON.parse(made.stdout) as { UserPool: { Id: string } }).UserPool.Id, "us-east-1_myid");
    const again = await cli.run(
      "create-user-pool",
      "--pool-name",
      "pinned",
      "--user-pool-tags",
      "_custom_id_=us-east-1_myid",
    );
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /InvalidParameterException.*User pool us-east-1_myid already exists/);
    const bad = await cli.run(
      "create-user-pool",
      "--pool-name",
      "p",
      "--user-pool-tags",
      "_custom_id_=eu-west-1_x",
    );
    assert.match(bad.stderr, /InvalidParameterException/);
  } finally {
    await cli.close();
    await s.stop();
  }
});

test("GET /_hushpool/messages?wait= answers as soon as a code is sent", async () => {
  const s = await startTestServer({ seed: seedFile });
  try {
    const q = new URLSearchParams({ poolId: POOL, wait: "10" });
    const started = Date.now();
    const waiting = fetch(`${s.url}/_hushpool/messages?${q}`).then(
      (r) => r.json() as Promise<{ Messages: { code: string }[] }>,
    );
    await new Promise((r) => setTimeout(r, 300));
    await s.client.send(new ForgotPasswordCommand({ ClientId: CLIENT, Username: "ada@example.com" }));
    const body = await waiting;
    const took = Date.now() - started;
    assert.equal(body.Messages.length, 1);
    assert.match(body.Messages[0]?.code ?? "", /^\d{6}$/);
    assert.ok(took < 3000, `answered after ${took} ms`);
    const refused = await fetch(`${s.url}/_hushpool/messages?poolId=${POOL}&wait=31`);
    assert.equal(refused.status, 400);
  } finally {
    await s.stop();
  }
});
