/**
 * User import at scale (docs/performance.md#user-import): a CSV of N rows (default 100,000) with
 * GetCSVHeader's columns is uploaded to a job's PreSignedUrl and the job is started; the figure is
 * the time from StartUserImportJob to `Succeeded` (polled every 100 ms), and rows per second. The
 * server runs in-process on a fresh SQLite data directory, or on PostgreSQL with --database-url.
 *
 *   npx tsx bench/import.ts [--rows 100000] [--database-url postgres://…]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  CognitoIdentityProviderClient,
  CreateUserImportJobCommand,
  CreateUserPoolCommand,
  DescribeUserImportJobCommand,
  GetCSVHeaderCommand,
  StartUserImportJobCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startApp } from "../src/app.ts";
import { testConfig } from "../test/helpers/test-config.ts";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "100000" }, "database-url": { type: "string" } },
});
const rows = Number(values.rows);
const dataDir = mkdtempSync(join(tmpdir(), "hushpool-bench-import-"));
const app = await startApp(
  testConfig({ data: dataDir, ...(values["database-url"] ? { databaseUrl: values["database-url"] } : {}) }),
);
const sdk = new CognitoIdentityProviderClient({
  endpoint: app.url,
  region: "us-east-1",
  credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
});
try {
  const pool = await sdk.send(
    new CreateUserPoolCommand({ PoolName: "import-bench", AutoVerifiedAttributes: ["email"] }),
  );
  const UserPoolId = pool.UserPool?.Id ?? "";
  const cols = (await sdk.send(new GetCSVHeaderCommand({ UserPoolId }))).CSVHeader ?? [];
  const lines = [cols.join(",")];
  for (let i = 0; i < rows; i++) {
    const r: Record<string, string> = {
      "cognito:username": `user${i}`,
      email: `user${i}@example.com`,
      email_verified: "true",
      given_name: `Given${i}`,
      "cognito:mfa_enabled": "false",
    };
    lines.push(cols.map((c) => r[c] ?? "").join(","));
  }
  const csv = lines.join("\n");
  const job = (
    await sdk.send(
      new CreateUserImportJobCommand({
        UserPoolId,
        JobName: "bench",
        CloudWatchLogsRoleArn: "arn:aws:iam::111111111111:role/CognitoCloudWatchLogsRole",
      }),
    )
  ).UserImportJob;
  const JobId = job?.JobId ?? "";
  const t0 = performance.now();
  const put = await fetch(job?.PreSignedUrl ?? "", { method: "PUT", body: csv });
  if (put.status !== 200) throw new Error(`upload failed: ${put.status}`);
  const uploadMs = performance.now() - t0;
  const t1 = performance.now();
  await sdk.send(new StartUserImportJobCommand({ UserPoolId, JobId }));
  for (;;) {
    const d = (await sdk.send(new DescribeUserImportJobCommand({ UserPoolId, JobId }))).UserImportJob;
    if (d?.Status === "Succeeded" || d?.Status === "Failed") {
      const s = (performance.now() - t1) / 1000;
      console.log(
        JSON.stringify({
          store: values["database-url"] ? "postgres" : "sqlite",
          rows,
          csvBytes: Buffer.byteLength(csv),
          uploadMs: Math.round(uploadMs),
          status: d.Status,
          imported: d.ImportedUsers,
          skipped: d.SkippedUsers,
          failed: d.FailedUsers,
          seconds: Number(s.toFixed(1)),
          rowsPerSecond: Math.round(rows / s),
        }),
      );
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
} finally {
  sdk.destroy();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
