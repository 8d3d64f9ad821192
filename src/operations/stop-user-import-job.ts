import { errors } from "../domain/errors/index.ts";
import { jobOperation } from "../domain/import-jobs/job-operation.ts";
import { COMPLETION } from "../domain/import-jobs/jobs.ts";
import { jobIdInput } from "./import-job-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * StopUserImportJob (docs/admin-users.md#user-import-jobs): a `Pending` job stops at once
 * (`Stopped`); an `InProgress` one becomes `Stopping` and its node stops it after the batch it is
 * writing. Anything else: PreconditionNotMetException.
 */
export const stopUserImportJob = defineOperation(
  "StopUserImportJob",
  jobIdInput,
  jobOperation(async ({ poolId, jobId, store, now, job }) => {
    const stopped =
      (await store.importJobs.transition(poolId, jobId, ["Pending"], "Stopped", {
        completedAt: now,
        message: COMPLETION.stopped,
      })) ?? (await store.importJobs.transition(poolId, jobId, ["InProgress"], "Stopping", {}));
    if (!stopped)
      throw errors.importNotStoppable(
        job.status === "Pending" || job.status === "InProgress" ? "Stopping" : job.status,
      );
    if (stopped.status === "Stopped") await store.importJobs.deleteFile(poolId, jobId);
    return stopped;
  }),
);
