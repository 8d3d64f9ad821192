import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type AwsCli, awsCliSkip, type CliResult, hasAwsCli, openAwsCli } from "../helpers/aws-cli.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * The README's promise, with the real AWS CLI: create a pool and a client, create, list, filter,
 * disable and delete users, and read Cognito's error sentence. CI installs Debian's awscli when it
 * is missing; without it this file skips.
 */
const hasAws = hasAwsCli;
const skip = awsCliSkip;

let s: TestServer;
let cli: AwsCli;
before(async () => {
  if (!hasAws) return;
  s = await startTestServer();
  cli = openAwsCli(s.url);
});
after(async () => {
  if (!hasAws) return;
  await cli.close();
  await s.stop();
});

const aws = (...args: string[]): Promise<CliResult> => cli.run(...args);

async function awsJson(...args: string[]): Promise<Record<string, unknown>> {
  const r = await aws(...args);
  assert.equal(r.code, 0, `aws ${args.join(" ")}\n${r.stderr}`);
  return r.stdout.trim() === "" ? {} : (JSON.parse(r.stdout) as Record<string, unknown>);
}

test("AWS CLI: pool, client, users, filter, disable, delete and Cognito's error sentence", {
  skip,
}, async () => {
  const pool = (await awsJson("create-user-pool", "--pool-name", "cli-pool")).UserPool as { Id: string };
  assert.match(pool.Id, /^us-east-1_[0-9A-Za-z]{9}$/);
  const client = (await awsJson("create-user-pool-client", "--user-pool-id", pool.Id, "--client-name", "cli"))
    .UserPoolClient as { ClientId: string };
  assert.match(client.ClientId, /^[a-z0-9]{26}$/);

  for (const who of ["alice", "bob"]) {
    const created = (
      await awsJson(
        "admin-create-user",
        "--user-pool-id",
        pool.Id,
        "--username",
        who,
        "--user-attributes",
        `Name=email,Value=${who}@example.com`,
        "--temporary-password",
        "Temp-Passw0rd!",
        "--message-action",
        "SUPPRESS",
      )
    ).User as { Username: string; UserStatus: string; Enabled: boolean };
    assert.equal(created.Username, who);
    assert.equal(created.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.equal(created.Enabled, true);
  }

  const all = (await awsJson("list-users", "--user-pool-id", pool.Id)).Users as { Username: string }[];
  assert.deepEqual(all.map((u) => u.Username).sort(), ["alice", "bob"]);
  const filtered = (
    await awsJson("list-users", "--user-pool-id", pool.Id, "--filter", 'email = "bob@example.com"')
  ).Users as { Username: string }[];
  assert.deepEqual(
    filtered.map((u) => u.Username),
    ["bob"],
  );

  await awsJson("admin-disable-user", "--user-pool-id", pool.Id, "--username", "bob");
  const bob = await awsJson("admin-get-user", "--user-pool-id", pool.Id, "--username", "bob");
  assert.equal(bob.Enabled, false);
  const disabled = (await awsJson("list-users", "--user-pool-id", pool.Id, "--filter", 'status = "Disabled"'))
    .Users as { Username: string }[];
  assert.deepEqual(
    disabled.map((u) => u.Username),
    ["bob"],
  );

  await awsJson("admin-delete-user", "--user-pool-id", pool.Id, "--username", "bob");
  const gone = await aws("admin-get-user", "--user-pool-id", pool.Id, "--username", "bob");
  assert.notEqual(gone.code, 0);
  assert.equal(
    gone.stderr.trim(),
    "An error occurred (UserNotFoundException) when calling the AdminGetUser operation: User does not exist.",
  );

  const taken = await aws("admin-create-user", "--user-pool-id", pool.Id, "--username", "alice");
  assert.equal(
    taken.stderr.trim(),
    "An error occurred (UsernameExistsException) when calling the AdminCreateUser operation: User account already exists",
  );
});
