import { errors } from "../domain/errors/index.ts";
import { jobOperation } from "../domain/import-jobs/job-operation.ts";
import { requireJob } from "../domain/import-jobs/jobs.ts";
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
  jobOperation(async ({ poolId, jobId, store, now, job }) => {
    if (job.status !== "Created") throw errors.importNotStartable(job.status);
    if (!(await store.importJobs.hasFile(poolId, jobId))) throw errors.importFileMissing();
    const started = await store.importJobs.transition(poolId, jobId, ["Created"], "Pending", {
      startedAt: now,
    });
    if (!started) {
      const current = await requireJob(store, poolId, jobId, now);
      throw errors.importNotStartable(current.status);
    }
    return started;
  }),
);
