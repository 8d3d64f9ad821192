import { renderJob, requireJob } from "../domain/import-jobs/jobs.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import type { Services } from "../services.ts";
import { jobIdInput } from "./import-job-inputs.ts";
import { defineOperation } from "./operation.ts";

/** DescribeUserImportJob (docs/admin-users.md#user-import-jobs): the job with its status and counts. */
export const describeUserImportJob = defineOperation(
  "DescribeUserImportJob",
  jobIdInput,
  async (
    { UserPoolId, JobId },
    { store, clock, secrets, config }: Pick<Services, "clock" | "config" | "secrets" | "store">,
  ) => {
    await requirePool(store, UserPoolId);
    const job = await requireJob(store, UserPoolId, JobId, clock.now());
    return { UserImportJob: renderJob(secrets, config.issuerBaseUrl, job) };
  },
);
