import { errors } from "../domain/errors/index.ts";
import { renderJob, requireJob } from "../domain/import-jobs/jobs.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import type { Services } from "../services.ts";
import { jobIdInput } from "./import-job-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * StartUserImportJob (docs/admin-users.md#user-import-jobs): `Created` → `Pending` (one
 * compare-and-set, so two Starts cannot both succeed); a node's import runner then claims and runs
 * it. Only a `Created` job with its CSV uploaded can start.
 */
export const startUserImportJob = defineOperation(
  "StartUserImportJob",
  jobIdInput,
  async (
    { UserPoolId, JobId },
    { store, clock, secrets, config }: Pick<Services, "clock" | "config" | "secrets" | "store">,
  ) => {
    await requirePool(store, UserPoolId);
    const now = clock.now();
    const job = await requireJob(store, UserPoolId, JobId, now);
    if (job.status !== "Created") throw errors.importNotStartable(job.status);
    if (!(await store.importJobs.hasFile(UserPoolId, JobId))) throw errors.importFileMissing();
    const started = await store.importJobs.transition(UserPoolId, JobId, ["Created"], "Pending", {
      startedAt: now,
    });
    if (!started) {
      const current = await requireJob(store, UserPoolId, JobId, now);
      throw errors.importNotStartable(current.status);
    }
    return { UserImportJob: renderJob(secrets, config.issuerBaseUrl, started) };
  },
);
