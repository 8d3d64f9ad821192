/**
 * "Fits your stack" (README): the AWS SDK v3, the AWS CLI and boto3 finding hushpool through
 * `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER` alone, and the node:test setup of
 * docs/examples/node-test (start with a seed file before the tests, reset between them) run as is.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startTestServer, type TestServer } from "../helpers/server.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SEED = fileURLToPath(new URL("../../docs/examples/node-test/seed.yaml", import.meta.url));
const POOL = "us-east-1_example1";

let s: TestServer;
before(async () => {
  s = await startTestServer({ seed: SEED });
});
after(() => s?.stop());

/** Runs a program with only the endpoint variable pointing at hushpool (and dummy credentials). */
function run(cmd: string, args: string[], extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      cmd,
      args,
      {
        cwd: ROOT,
        timeout: 120_000,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "/tmp",
          AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: s.url,
          AWS_ACCESS_KEY_ID: "local",
          AWS_SECRET_ACCESS_KEY: "local",
          AWS_DEFAULT_REGION: "us-east-1",
          AWS_REGION: "us-east-1",
          AWS_CONFIG_FILE: "/dev/null",
          AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
          ...extraEnv,
        },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

const has = async (cmd: string, args: string[]) => (await run(cmd, args)).code === 0;

test("the AWS SDK v3 reads AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: no endpoint in the code", async () => {
  const script = `
    import { CognitoIdentityProviderClient, DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
    const c = new CognitoIdentityProviderClient({});
    const out = await c.send(new DescribeUserPoolCommand({ UserPoolId: "${POOL}" }));
    console.log(out.UserPool.Name);`;
  const r = await run(process.execPath, ["--input-type=module", "-e", script]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), "example");
});

test("the AWS CLI reads it too: no --endpoint-url", async (t) => {
  if (!(await has("aws", ["--version"]))) return t.skip("no AWS CLI on this machine");
  const r = await run("aws", [
    ...["cognito-idp", "describe-user-pool", "--user-pool-id", POOL],
    ...["--query", "UserPool.Name", "--output", "text"],
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), "example");
});

test("boto3 reads it too, and signs the seeded user in", async (t) => {
  if (!(await has("python3", ["-c", "import boto3"]))) return t.skip("no boto3 on this machine");
  const script = `
import boto3
c = boto3.client("cognito-idp")
out = c.initiate_auth(ClientId="exampleclient000000000000a", AuthFlow="USER_PASSWORD_AUTH",
                      AuthParameters={"USERNAME": "ada", "PASSWORD": "Passw0rd!"})
print("tokens" if out["AuthenticationResult"]["AccessToken"] else "none")
print(c.describe_user_pool(UserPoolId="${POOL}")["UserPool"]["Name"])`;
  const r = await run("python3", ["-c", script]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split("\n"), ["tokens", "example"]);
});

test("the node:test setup of docs/examples/node-test passes as written", async () => {
  const r = await run(
    process.execPath,
    ["--test", "--test-reporter=tap", "docs/examples/node-test/app.test.mjs"],
    { HUSHPOOL_BIN: `${process.execPath} --import tsx ${ROOT}src/main.ts` },
  );
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /# pass 3/);
  assert.match(r.stdout, /# fail 0/);
});
