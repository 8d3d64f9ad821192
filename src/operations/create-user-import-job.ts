import { z } from "zod";
import { newJobId, renderJob } from "../domain/import-jobs/jobs.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * CreateUserImportJob (docs/admin-users.md#user-import-jobs): a `Created` job whose PreSignedUrl is
 * this server's own upload route. The role ARN is stored and shown, never used: the bad-row lines go
 * to the server log instead of CloudWatch. PasswordHashingAlgorithm is accepted and ignored (the
 * CSV carries no password hashes here).
 */
export const createUserImportJob = defineOperation(
  "CreateUserImportJob",
  z.object({
    JobName: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\w\s+=,.@-]+$/),
    UserPoolId: shapes.userPoolId,
    CloudWatchLogsRoleArn: shapes.arn,
    PasswordHashingAlgorithm: z.enum(["BCRYPT", "SCRYPT", "ARGON2ID", "PBKDF2_SHA256"]).optional(),
  }),
  async (
    { JobName, UserPoolId, CloudWatchLogsRoleArn },
    { store, clock, secrets, config }: Pick<Services, "clock" | "config" | "secrets" | "store">,
  ) => {
    await requirePool(store, UserPoolId);
    const job = {
      poolId: UserPoolId,
      jobId: newJobId(),
      jobName: JobName,
      roleArn: CloudWatchLogsRoleArn,
      status: "Created" as const,
      createdAt: clock.now(),
      startedAt: null,
      completedAt: null,
      imported: 0,
      skipped: 0,
      failed: 0,
      message: null,
    };
    await store.importJobs.create(job);
    return { UserImportJob: renderJob(secrets, config.issuerBaseUrl, job) };
  },
);
