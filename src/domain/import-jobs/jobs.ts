import { randomInt } from "node:crypto";
import type { ServerSecrets } from "../../crypto/server-secrets.ts";
import { safeEqual } from "../../crypto/server-secrets.ts";
import type { ImportJobRecord, Store } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";

/**
 * User import jobs (docs/admin-users.md#user-import-jobs,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool.html):
 * ids, the pre-signed upload URL hushpool serves itself, expiry and the UserImportJobType view.
 */

/** An unstarted job expires a day after its creation (what AWS's example listing shows). */
export const JOB_LIFETIME_MS = 24 * 3600_000;

export const COMPLETION = {
  stopped: "The Import Job was stopped by the developer.",
  expired: "The user import job has expired.",
  failed: "Too many users have failed or been skipped during the import.",
  succeeded: "Import Job Completed Successfully.",
} as const;

const ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** `import-` and ten letters and digits, like AWS's `import-qQ0DCt2fRh`. */
export const newJobId = (): string =>
  `import-${Array.from({ length: 10 }, () => ALNUM[randomInt(ALNUM.length)]).join("")}`;

/** The path of a job's upload target on this server. */
export const uploadPath = (poolId: string, jobId: string): string => `/_import/${poolId}/${jobId}`;

const signature = (secrets: ServerSecrets, poolId: string, jobId: string, expires: number): string =>
  secrets.macHex("import-upload-url", poolId, jobId, String(expires));

/**
 * The PreSignedUrl: this server's upload route for the job, signed with the server's secret seed and
 * valid while the job could still start (until it expires unstarted). Like S3's, the URL is the only
 * credential a PUT needs.
 */
export function preSignedUrl(secrets: ServerSecrets, baseUrl: string, job: ImportJobRecord): string {
  const expires = Math.floor((job.createdAt + JOB_LIFETIME_MS) / 1000);
  const q = new URLSearchParams({
    "X-Hushpool-Expires": String(expires),
    "X-Hushpool-Signature": signature(secrets, job.poolId, job.jobId, expires),
  });
  return `${baseUrl}${uploadPath(job.poolId, job.jobId)}?${q}`;
}

/** Whether an upload URL's query is this server's signature for the job and has not expired. */
export function uploadUrlValid(
  secrets: ServerSecrets,
  poolId: string,
  jobId: string,
  query: URLSearchParams,
  now: number,
): boolean {
  const expires = Number(query.get("X-Hushpool-Expires"));
  const given = query.get("X-Hushpool-Signature") ?? "";
  const expected = signature(secrets, poolId, jobId, Number.isFinite(expires) ? expires : 0);
  return safeEqual(expected, given) && Number.isFinite(expires) && now < expires * 1000;
}

/** The job as stored, or expired on the spot when it was never started within a day. */
export async function requireJob(
  store: Store,
  poolId: string,
  jobId: string,
  now: number,
): Promise<ImportJobRecord> {
  const job = await store.importJobs.get(poolId, jobId);
  if (!job) throw errors.importJobNotFound(jobId);
  return expireIfDue(store, job, now);
}

export async function expireIfDue(store: Store, job: ImportJobRecord, now: number): Promise<ImportJobRecord> {
  if (job.status !== "Created" || now < job.createdAt + JOB_LIFETIME_MS) return job;
  const expired = await store.importJobs.transition(job.poolId, job.jobId, ["Created"], "Expired", {
    completedAt: job.createdAt + JOB_LIFETIME_MS,
    message: COMPLETION.expired,
  });
  if (expired) await store.importJobs.deleteFile(job.poolId, job.jobId);
  return expired ?? ((await store.importJobs.get(job.poolId, job.jobId)) as ImportJobRecord);
}

/** UserImportJobType (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserImportJobType.html). */
export function renderJob(
  secrets: ServerSecrets,
  baseUrl: string,
  job: ImportJobRecord,
): Record<string, unknown> {
  return {
    JobName: job.jobName,
    JobId: job.jobId,
    UserPoolId: job.poolId,
    PreSignedUrl: preSignedUrl(secrets, baseUrl, job),
    CreationDate: job.createdAt / 1000,
    ...(job.startedAt !== null ? { StartDate: job.startedAt / 1000 } : {}),
    ...(job.completedAt !== null ? { CompletionDate: job.completedAt / 1000 } : {}),
    Status: job.status,
    CloudWatchLogsRoleArn: job.roleArn,
    ImportedUsers: job.imported,
    SkippedUsers: job.skipped,
    FailedUsers: job.failed,
    ...(job.message !== null ? { CompletionMessage: job.message } : {}),
  };
}
