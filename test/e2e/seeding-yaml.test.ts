/**
 * Seed files in YAML, with groups and memberships (docs/seeding.md): the seeded groups and
 * memberships found with the SDK and in the ID token, a second start changing nothing, validation
 * errors naming the entry, and `hushpool export --format yaml` round-tripping.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  AdminListGroupsForUserCommand,
  GetGroupCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { parse as parseYaml } from "yaml";
import { startTestServer } from "../helpers/server.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "hushpool-seed-yaml-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const SEED = `# A pool, its web client, two groups and two users, one in both groups.
pools:
  - Id: us-east-1_yamlpool1
    PoolName: yaml-app
    clients:
      - ClientId: yamlclient000000000000000a
        ClientName: web
        ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
    groups:
      - GroupName: admins
        Description: Can do everything
        Precedence: 1
      - GroupName: readers
        RoleArn: arn:aws:iam::123456789012:role/readers
    users:
      - Username: ada
        Password: "Passw0rd!"
        UserAttributes:
          - { Name: email, Value: ada@example.com }
        Groups: [admins, readers]
      - Username: bob
        Groups: [readers]
`;

const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

const exportYaml = (data: string) =>
  new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ["--import", "tsx", "src/main.ts", "export", "--data", data, "--format", "yaml"],
      { cwd: ROOT },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    ),
  );

test("a YAML seed makes groups and memberships; the ID token carries them; a second start changes nothing", async () => {
  const seed = write("seed.yaml", SEED);
  const data = join(dir, "one");
  let s = await startTestServer({ seed, data });
  try {
    const admins = await s.client.send(
      new GetGroupCommand({ UserPoolId: "us-east-1_yamlpool1", GroupName: "admins" }),
    );
    assert.equal(admins.Group?.Description, "Can do everything");
    assert.equal(admins.Group?.Precedence, 1);
    const bobs = await s.client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: "us-east-1_yamlpool1", Username: "bob" }),
    );
    assert.deepEqual(
      bobs.Groups?.map((g) => g.GroupName),
      ["readers"],
    );
    const auth = await s.client.send(
      new InitiateAuthCommand({
        ClientId: "yamlclient000000000000000a",
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "ada", PASSWORD: "Passw0rd!" },
      }),
    );
    const claims = decodeJwt(auth.AuthenticationResult?.IdToken ?? "");
    assert.deepEqual(claims["cognito:groups"], ["admins", "readers"]);
    await s.stop();
    // Started again on the same data with the same file: nothing to create or update.
    s = await startTestServer({ seed, data });
    const res = await fetch(`${s.url}/_hushpool/reset`, { method: "POST" });
    const body = (await res.json()) as { seeded: { created: number } };
    assert.equal(res.status, 200);
    // pool, client, 2 groups, 2 users
    assert.equal(body.seeded.created, 6);
    const again = await s.client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: "us-east-1_yamlpool1", Username: "ada" }),
    );
    assert.equal(again.Groups?.length, 2);
  } finally {
    await s.stop();
  }
});

test("hushpool export --format yaml round-trips: re-seeded from it, the export is the same", async () => {
  const data = join(dir, "export-src");
  const s = await startTestServer({ seed: write("seed2.yaml", SEED), data, masterKey: "" });
  await s.stop();
  const first = await exportYaml(data);
  const doc = parseYaml(first) as {
    pools: { groups: unknown[]; users: { Username: string; Groups?: string[] }[] }[];
  };
  assert.equal(doc.pools[0]?.groups.length, 2);
  assert.deepEqual(doc.pools[0]?.users.find((u) => u.Username === "ada")?.Groups, ["admins", "readers"]);
  assert.ok(!first.includes("Passw0rd!"), "no passwords in an export");

  const data2 = join(dir, "export-dst");
  const t = await startTestServer({ seed: write("exported.yml", first), data: data2, masterKey: "" });
  await t.stop();
  assert.equal(await exportYaml(data2), first);
});

test("invalid seeds are refused with the entry named: YAML syntax, unknown group, duplicate group, typo", async () => {
  await assert.rejects(
    startTestServer({ seed: write("broken.yaml", "pools:\n  - Id: [unclosed\n") }),
    /seed file .*broken\.yaml is not YAML: .*at line \d+, column \d+/s,
  );
  const withPools = (pool: string) => `pools:\n  - Id: us-east-1_bad1\n    PoolName: bad\n${pool}`;
  await assert.rejects(
    startTestServer({
      seed: write(
        "unknown-group.yaml",
        withPools("    users:\n      - Username: ada\n        Groups: [nope]\n"),
      ),
    }),
    /pools\[0\]\.users\[0\]\.Groups\[0\]: nope is not one of pools\[0\]\.groups/,
  );
  await assert.rejects(
    startTestServer({
      seed: write(
        "dup-group.yaml",
        withPools("    groups:\n      - GroupName: Team\n      - GroupName: team\n"),
      ),
    }),
    /pools\[0\]\.groups\[1\]\.GroupName: team appears twice/,
  );
  await assert.rejects(
    startTestServer({
      seed: write("typo.yml", withPools("    groups:\n      - GroupName: a\n        Precedance: 1\n")),
    }),
    /pools\[0\]\.groups\[0\]: Unrecognized key: "Precedance"/,
  );
  // The format follows the file's name: YAML text in a .json file is not read as YAML.
  await assert.rejects(startTestServer({ seed: write("json-named.json", "pools: []\n") }), /is not JSON/);
});
