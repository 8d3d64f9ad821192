import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * User import jobs from Python's boto3 (docs/admin-users.md#user-import-jobs): botocore checks our
 * UserImportJobType against its own model, the CSV goes to the PreSignedUrl with urllib (as AWS's
 * guide does with curl), and its error classes come from `__type`. Skipped when python3 lacks boto3.
 */
const probe = spawnSync("python3", ["-c", "import boto3"], { encoding: "utf8" });
const skip: string | false = probe.status === 0 ? false : "python3 with boto3 is not installed";

const SCRIPT = `
import json, sys, time, urllib.request, boto3
c = boto3.client("cognito-idp", endpoint_url=sys.argv[1], region_name="us-east-1",
                 aws_access_key_id="test", aws_secret_access_key="test")
pool = c.create_user_pool(PoolName="boto3-import", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
cols = c.get_csv_header(UserPoolId=pool)["CSVHeader"]
def row(**v):
    return ",".join(v.get(k.replace(":", "_"), "") for k in cols)
lines = [",".join(cols),
         row(cognito_username="ann", email="ann@example.com", email_verified="true", cognito_mfa_enabled="false"),
         row(cognito_username="ben", email="ben@example.com", email_verified="true", cognito_mfa_enabled="false"),
         row(cognito_username="bad name", email="x@example.com", email_verified="true", cognito_mfa_enabled="false")]
out = {}
job = c.create_user_import_job(UserPoolId=pool, JobName="boto3 job",
      CloudWatchLogsRoleArn="arn:aws:iam::111111111111:role/CognitoCloudWatchLogsRole")["UserImportJob"]
out["created"] = {k: job[k] for k in ("Status", "ImportedUsers", "SkippedUsers", "FailedUsers")}
out["dateType"] = type(job["CreationDate"]).__name__
req = urllib.request.Request(job["PreSignedUrl"], data="\\n".join(lines).encode(), method="PUT",
                             headers={"x-amz-server-side-encryption": "aws:kms"})
out["upload"] = urllib.request.urlopen(req).status
out["started"] = c.start_user_import_job(UserPoolId=pool, JobId=job["JobId"])["UserImportJob"]["Status"]
for _ in range(200):
    d = c.describe_user_import_job(UserPoolId=pool, JobId=job["JobId"])["UserImportJob"]
    if d["Status"] in ("Succeeded", "Failed", "Stopped"):
        break
    time.sleep(0.05)
out["done"] = {k: d[k] for k in ("Status", "ImportedUsers", "SkippedUsers", "FailedUsers", "CompletionMessage")}
out["user"] = c.admin_get_user(UserPoolId=pool, Username="ann")["UserStatus"]
try:
    c.stop_user_import_job(UserPoolId=pool, JobId=job["JobId"])
except c.exceptions.PreconditionNotMetException as e:
    out["stopDone"] = e.response["Error"]["Message"]
try:
    c.describe_user_import_job(UserPoolId=pool, JobId="import-missing123")
except c.exceptions.ResourceNotFoundException as e:
    out["missing"] = e.response["Error"]["Message"]
out["listed"] = [j["JobName"] for j in c.list_user_import_jobs(UserPoolId=pool, MaxResults=10)["UserImportJobs"]]
print(json.dumps(out))
`;

let s: TestServer;
before(async () => {
  if (!skip) s = await startTestServer();
});
after(async () => {
  if (!skip) await s.stop();
});

test("boto3: create, upload, start, describe, list, errors", { skip }, async () => {
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile("python3", ["-c", SCRIPT, s.url], { timeout: 60_000 }, (err, out, errOut) =>
      err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out),
    ),
  );
  const out = JSON.parse(stdout) as Record<string, unknown>;
  assert.deepEqual(out.created, { Status: "Created", ImportedUsers: 0, SkippedUsers: 0, FailedUsers: 0 });
  assert.equal(out.dateType, "datetime");
  assert.equal(out.upload, 200);
  assert.equal(out.started, "Pending");
  assert.deepEqual(out.done, {
    Status: "Succeeded",
    ImportedUsers: 2,
    SkippedUsers: 0,
    FailedUsers: 1,
    CompletionMessage: "Import Job Completed Successfully.",
  });
  assert.equal(out.user, "RESET_REQUIRED");
  assert.equal(out.stopDone, "Import job cannot be stopped in its current status: Succeeded.");
  assert.equal(out.missing, "Import job import-missing123 does not exist.");
  assert.deepEqual(out.listed, ["boto3 job"]);
});
