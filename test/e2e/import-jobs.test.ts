import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminGetUserCommand,
  CreateUserImportJobCommand,
  DescribeUserImportJobCommand,
  GetCSVHeaderCommand,
  InitiateAuthCommand,
  ListUserImportJobsCommand,
  StartUserImportJobCommand,
  StopUserImportJobCommand,
  type UserImportJobType,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  captureWarnings,
  createPool,
  expectCognitoError,
  type HasClient,
  movableClock,
  poolWithClient,
  waitFor,
} from "../helpers/fixtures.ts";
import { postgresNodes } from "../helpers/nodes.ts";
import { postgresUnavailable } from "../helpers/postgres.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * User import jobs (docs/admin-users.md#user-import-jobs) with the real SDK: create, PUT the CSV to
 * the PreSignedUrl hushpool serves, start, watch it run in the background, stop, list; bad rows
 * counted and logged; imported users RESET_REQUIRED; one job run exactly once by two PostgreSQL nodes.
 */
const clock = movableClock();
let s: TestServer;
const ROLE = "arn:aws:iam::111111111111:role/CognitoCloudWatchLogsRole";

before(async () => {
  s = await startTestServer({}, { clock });
});
after(() => s.stop());

async function header(srv: HasClient, poolId: string): Promise<string[]> {
  return (await srv.client.send(new GetCSVHeaderCommand({ UserPoolId: poolId }))).CSVHeader ?? [];
}

/** A CSV with GetCSVHeader's columns; each row gives only the columns it names. */
function csv(cols: string[], rows: Record<string, string>[]): string {
  const line = (r: Record<string, string>) => cols.map((c) => r[c] ?? "").join(",");
  return [cols.join(","), ...rows.map(line)].join("\n");
}

const person = (name: string, extra: Record<string, string> = {}) => ({
  "cognito:username": name,
  email: `${name}@example.com`,
  email_verified: "true",
  "cognito:mfa_enabled": "false",
  ...extra,
});

async function createJob(srv: HasClient, poolId: string, JobName = "import"): Promise<UserImportJobType> {
  const r = await srv.client.send(
    new CreateUserImportJobCommand({ UserPoolId: poolId, JobName, CloudWatchLogsRoleArn: ROLE }),
  );
  return r.UserImportJob ?? {};
}

async function upload(url: string, body: string): Promise<number> {
  const r = await fetch(url, { method: "PUT", body, headers: { "x-amz-server-side-encryption": "aws:kms" } });
  await r.text();
  return r.status;
}

const describeJob = (srv: HasClient, UserPoolId: string, JobId: string) =>
  srv.client.send(new DescribeUserImportJobCommand({ UserPoolId, JobId })).then((r) => r.UserImportJob ?? {});

async function finished(srv: HasClient, poolId: string, jobId: string): Promise<UserImportJobType> {
  let job: UserImportJobType = {};
  await waitFor(
    async () => {
      job = await describeJob(srv, poolId, jobId);
      return ["Succeeded", "Failed", "Stopped"].includes(job.Status ?? "");
    },
    { timeoutMs: 90_000, intervalMs: 50, message: () => `job still ${job.Status}` },
  );
  return job;
}

test("create → upload → start → Succeeded; counts, statuses, RESET_REQUIRED users, bad rows logged", async () => {
  const { poolId, clientId } = await poolWithClient(s, { pool: { AutoVerifiedAttributes: ["email"] } });
  const created = await createJob(s, poolId, "first import");
  assert.match(created.JobId ?? "", /^import-[0-9a-zA-Z]{10}$/);
  assert.equal(created.Status, "Created");
  assert.deepEqual([created.ImportedUsers, created.SkippedUsers, created.FailedUsers], [0, 0, 0]);
  assert.equal(created.CloudWatchLogsRoleArn, ROLE);
  assert.ok(created.CreationDate instanceof Date);
  assert.equal(created.StartDate, undefined);
  assert.ok(created.PreSignedUrl?.startsWith(`${s.url}/_import/${poolId}/${created.JobId}?`));

  await expectCognitoError(
    s.client.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: created.JobId })),
    "PreconditionNotMetException",
    "The CSV file has not been uploaded to the pre-signed URL.",
  );
  const cols = await header(s, poolId);
  const body = csv(cols, [
    person("alice", { name: "Alice\\, the first" }),
    person("bob", { phone_number: "+15555550100", phone_number_verified: "true" }),
    person("alice"), // the same username again: skipped
    person("has space"), // failed
    { "cognito:username": "carol", email: "carol@example.com", "cognito:mfa_enabled": "false" }, // nothing verified: failed
    person("dave", { email: "not-an-email" }), // failed with Cognito's attribute message
  ]);
  const tampered = `${created.PreSignedUrl?.replace(/Signature=[0-9a-f]/, "Signature=x")}`;
  assert.equal(await upload(tampered, body), 403);
  assert.equal(await upload(created.PreSignedUrl ?? "", body), 200);

  const warnings = captureWarnings(s);
  const started = await s.client.send(
    new StartUserImportJobCommand({ UserPoolId: poolId, JobId: created.JobId }),
  );
  assert.equal(started.UserImportJob?.Status, "Pending");
  assert.ok(started.UserImportJob?.StartDate instanceof Date);
  const done = await finished(s, poolId, created.JobId ?? "");
  assert.equal(done.Status, "Succeeded");
  assert.equal(done.CompletionMessage, "Import Job Completed Successfully.");
  assert.deepEqual([done.ImportedUsers, done.SkippedUsers, done.FailedUsers], [2, 1, 3]);
  assert.ok(done.CompletionDate instanceof Date);

  const alice = await s.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" }));
  assert.equal(alice.UserStatus, "RESET_REQUIRED");
  assert.equal(alice.UserAttributes?.find((a) => a.Name === "name")?.Value, "Alice, the first");
  assert.equal(alice.UserAttributes?.find((a) => a.Name === "email_verified")?.Value, "true");
  await expectCognitoError(
    s.client.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: "bob", PASSWORD: "Anything-1" },
      }),
    ),
    "PasswordResetRequiredException",
    "Password reset required for the user",
  );
  const lines = warnings.filter((l) => l.includes(created.JobId ?? "-"));
  assert.ok(
    lines.some((l) => l.includes("Line 4") && l.includes("SKIPPED")),
    lines.join("\n"),
  );
  assert.ok(lines.some((l) => l.includes("Line 5") && l.includes("FAILED")));
  assert.ok(
    lines.some((l) => l.includes("Line 7") && l.includes("Invalid email address format.")),
    lines.join("\n"),
  );

  await expectCognitoError(
    s.client.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: created.JobId })),
    "PreconditionNotMetException",
    "Import job cannot be started in its current status: Succeeded.",
  );
  await expectCognitoError(
    s.client.send(new StopUserImportJobCommand({ UserPoolId: poolId, JobId: created.JobId })),
    "PreconditionNotMetException",
    "Import job cannot be stopped in its current status: Succeeded.",
  );
  assert.equal(await upload(created.PreSignedUrl ?? "", body), 409, "a finished job takes no file");
});

test("a bad header fails the job; a job where every row fails is Failed", async () => {
  const poolId = await createPool(s);
  const a = await createJob(s, poolId);
  await upload(a.PreSignedUrl ?? "", "cognito:username,email\nx,x@example.com\n");
  await s.client.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: a.JobId }));
  const fa = await finished(s, poolId, a.JobId ?? "");
  assert.equal(fa.Status, "Failed");
  assert.equal(fa.CompletionMessage, "Too many users have failed or been skipped during the import.");
  const b = await createJob(s, poolId);
  await upload(
    b.PreSignedUrl ?? "",
    csv(await header(s, poolId), [person("x y"), person("q", { email_verified: "maybe" })]),
  );
  await s.client.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: b.JobId }));
  const fb = await finished(s, poolId, b.JobId ?? "");
  assert.deepEqual([fb.Status, fb.FailedUsers, fb.ImportedUsers], ["Failed", 2, 0]);
});

test("stop a Pending job; expiry after a day; list pages; errors", async () => {
  const poolId = await createPool(s);
  const jobs: UserImportJobType[] = [];
  for (let i = 0; i < 3; i++) jobs.push(await createJob(s, poolId, `job ${i}`));
  // Stopped before any node claims it: held by a closed pool of runners is not possible here, so
  // stop right after start and accept either Stopped (Pending) or Stopping (already claimed).
  await upload(jobs[0]?.PreSignedUrl ?? "", csv(await header(s, poolId), [person("p1")]));
  await s.client.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: jobs[0]?.JobId }));
  const stop = await s.client
    .send(new StopUserImportJobCommand({ UserPoolId: poolId, JobId: jobs[0]?.JobId }))
    .then(
      (r) => r.UserImportJob,
      () => undefined,
    );
  if (stop) {
    assert.ok(["Stopped", "Stopping"].includes(stop.Status ?? ""));
    const end = await finished(s, poolId, jobs[0]?.JobId ?? "");
    assert.equal(end.Status, "Stopped");
    assert.equal(end.CompletionMessage, "The Import Job was stopped by the developer.");
  }

  const p1 = await s.client.send(new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults: 2 }));
  assert.deepEqual(
    p1.UserImportJobs?.map((j) => j.JobName),
    ["job 0", "job 1"],
  );
  assert.match(p1.PaginationToken ?? "", new RegExp(`^${poolId}#import-[0-9a-zA-Z]+#\\d+$`));
  const p2 = await s.client.send(
    new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults: 2, PaginationToken: p1.PaginationToken }),
  );
  assert.deepEqual(
    p2.UserImportJobs?.map((j) => j.JobName),
    ["job 2"],
  );
  assert.equal(p2.PaginationToken, undefined);

  clock.advance(24 * 3600_000 + 1_000);
  const expired = await describeJob(s, poolId, jobs[1]?.JobId ?? "");
  assert.equal(expired.Status, "Expired");
  assert.equal(expired.CompletionMessage, "The user import job has expired.");
  assert.equal(await upload(jobs[2]?.PreSignedUrl ?? "", "x"), 403, "the URL lapses with the job");
  await expectCognitoError(
    s.client.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: jobs[2]?.JobId })),
    "PreconditionNotMetException",
    "Import job cannot be started in its current status: Expired.",
  );

  await expectCognitoError(
    describeJob(s, poolId, "import-nope123456"),
    "ResourceNotFoundException",
    "Import job import-nope123456 does not exist.",
  );
  await expectCognitoError(
    s.client.send(
      new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults: 2, PaginationToken: "garbage" }),
    ),
    "InvalidParameterException",
    "Invalid pagination token.",
  );
  await expectCognitoError(
    s.client.send(
      new CreateUserImportJobCommand({
        UserPoolId: poolId,
        JobName: "x",
        CloudWatchLogsRoleArn: "not-an-arn",
      }),
    ),
    "InvalidParameterException",
    /cloudWatchLogsRoleArn/,
  );
  await expectCognitoError(
    s.client.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: "bad id" })),
    "InvalidParameterException",
    /jobId/,
  );
  await expectCognitoError(
    s.client.send(
      new CreateUserImportJobCommand({
        UserPoolId: "us-east-1_nopool",
        JobName: "x",
        CloudWatchLogsRoleArn: ROLE,
      }),
    ),
    "ResourceNotFoundException",
    "User pool us-east-1_nopool does not exist.",
  );
});

describe("two PostgreSQL nodes: one job, run exactly once", () => {
  test("every row imported once; counts match the users", async (t) => {
    const unavailable = await postgresUnavailable();
    if (unavailable) return t.skip(unavailable);
    const nodes = await postgresNodes();
    try {
      const poolId = await createPool(nodes.a);
      const job = await createJob(nodes.a, poolId);
      const rows = Array.from({ length: 600 }, (_, i) => person(`user${i}`));
      assert.equal(await upload(job.PreSignedUrl ?? "", csv(await header(nodes.b, poolId), rows)), 200);
      // Both nodes' runners poll; start through the other node.
      await nodes.b.client.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId }));
      const done = await finished(nodes.a, poolId, job.JobId ?? "");
      assert.deepEqual(
        [done.Status, done.ImportedUsers, done.SkippedUsers, done.FailedUsers],
        ["Succeeded", 600, 0, 0],
      );
      const count = await nodes.a.app.services.store.users.count(poolId);
      assert.equal(count, 600);
    } finally {
      await nodes.stop();
    }
  });
});
