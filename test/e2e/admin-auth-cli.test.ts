/**
 * The AWS CLI and boto3, configured with an admin key, work unchanged against a server with
 * --admin-credentials; with a wrong secret, an unknown key, no signature or a key for another pool
 * they print AWS's own sentences (docs/security.md#measured).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { awsCliSkip } from "../helpers/aws-cli.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

const KEY = { id: "AKIAHUSHPOOLCLI00001", secret: "cli-secret" };
const SCOPED = { id: "AKIAHUSHPOOLCLI00002", secret: "scoped-secret" };
const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

let s: TestServer;
let dir: string;
let poolId: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "hushpool-cli-keys-"));
  const file = join(dir, "keys.json");
  writeFileSync(
    file,
    JSON.stringify([
      { accessKeyId: KEY.id, secretAccessKey: KEY.secret, pools: "*" },
      { accessKeyId: SCOPED.id, secretAccessKey: SCOPED.secret, pools: ["us-east-1_Elsewhere1"] },
    ]),
  );
  s = await startTestServer({ adminCredentials: file });
  const c = new CognitoIdentityProviderClient({
    endpoint: s.url,
    region: "us-east-1",
    credentials: { accessKeyId: KEY.id, secretAccessKey: KEY.secret },
  });
  poolId = (await c.send(new CreateUserPoolCommand({ PoolName: "cli" }))).UserPool?.Id ?? "";
  c.destroy();
});
after(async () => {
  await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], key: { id: string; secret: string }): Promise<Run> {
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    AWS_ACCESS_KEY_ID: key.id,
    AWS_SECRET_ACCESS_KEY: key.secret,
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_MAX_ATTEMPTS: "1",
    AWS_PAGER: "",
    AWS_CONFIG_FILE: "/nonexistent/hushpool-aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/hushpool-aws-credentials",
  };
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const cli = (key: { id: string; secret: string }, ...args: string[]) =>
  run("aws", ["cognito-idp", ...args, "--endpoint-url", s.url, "--output", "json"], key);

test("the AWS CLI: signed calls pass; each refusal prints AWS's sentence", { skip: awsCliSkip }, async () => {
  const listUsers = ["list-users", "--user-pool-id", poolId];
  const [ok, wrong, unknown, unsigned, denied] = await Promise.all([
    cli(KEY, ...listUsers),
    cli({ ...KEY, secret: "wrong" }, ...listUsers),
    cli({ id: "AKIAUNKNOWN000000001", secret: "x" }, ...listUsers),
    cli(KEY, ...listUsers, "--no-sign-request"),
    cli(SCOPED, ...listUsers),
  ]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout).Users, []);
  const said = (r: Run) => r.stderr.trim().split("\n").at(-1);
  assert.equal(
    said(wrong),
    `An error occurred (InvalidSignatureException) when calling the ListUsers operation: ${MISMATCH}`,
  );
  assert.equal(
    said(unknown),
    "An error occurred (UnrecognizedClientException) when calling the ListUsers operation: The security token included in the request is invalid.",
  );
  assert.equal(
    said(unsigned),
    "An error occurred (MissingAuthenticationTokenException) when calling the ListUsers operation: Missing Authentication Token",
  );
  assert.equal(
    said(denied),
    `An error occurred (AccessDeniedException) when calling the ListUsers operation: User: arn:aws:iam::000000000000:user/${SCOPED.id} is not authorized to perform: cognito-idp:ListUsers on resource: arn:aws:cognito-idp:us-east-1:000000000000:userpool/${poolId} because no identity-based policy allows the cognito-idp:ListUsers action`,
  );
  for (const r of [wrong, unknown, unsigned, denied]) assert.notEqual(r.code, 0);
});

/** boto3: one call per case; prints [code, message] per case as JSON. */
const BOTO = `
import json, sys, boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError
url, pool, cases = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
out = []
for key_id, secret, unsigned in cases:
    cfg = Config(signature_version=UNSIGNED, retries={"max_attempts": 1}) if unsigned else Config(retries={"max_attempts": 1})
    c = boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1",
                     aws_access_key_id=key_id, aws_secret_access_key=secret, config=cfg)
    try:
        c.list_users(UserPoolId=pool)
        out.append(["OK", ""])
    except ClientError as e:
        out.append([e.response["Error"]["Code"], e.response["Error"]["Message"]])
print(json.dumps(out))
`;

test("boto3: signed calls pass; each refusal carries AWS's code and message", async () => {
  const cases = [
    [KEY.id, KEY.secret, false],
    [KEY.id, "wrong", false],
    ["AKIAUNKNOWN000000001", "x", false],
    [KEY.id, KEY.secret, true],
    [SCOPED.id, SCOPED.secret, false],
  ];
  const r = await run("python3", ["-c", BOTO, s.url, poolId, JSON.stringify(cases)], KEY);
  assert.equal(r.code, 0, r.stderr);
  const got = JSON.parse(r.stdout) as [string, string][];
  assert.deepEqual(
    got.map(([code]) => code),
    [
      "OK",
      "InvalidSignatureException",
      "UnrecognizedClientException",
      "MissingAuthenticationTokenException",
      "AccessDeniedException",
    ],
  );
  assert.equal(got[1]?.[1], MISMATCH);
  assert.equal(got[2]?.[1], "The security token included in the request is invalid.");
  assert.equal(got[3]?.[1], "Missing Authentication Token");
});
