import { errors } from "../domain/errors/index.ts";
import { COMPLETION, renderJob, requireJob } from "../domain/import-jobs/jobs.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import type { Services } from "../services.ts";
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
  async (
    { UserPoolId, JobId },
    { store, clock, secrets, config }: Pick<Services, "clock" | "config" | "secrets" | "store">,
  ) => {
    await requirePool(store, UserPoolId);
    const now = clock.now();
    const job = await requireJob(store, UserPoolId, JobId, now);
    const stopped =
      (await store.importJobs.transition(UserPoolId, JobId, ["Pending"], "Stopped", {
        completedAt: now,
        message: COMPLETION.stopped,
      })) ?? (await store.importJobs.transition(UserPoolId, JobId, ["InProgress"], "Stopping", {}));
    if (!stopped)
      throw errors.importNotStoppable(
        job.status === "Pending" || job.status === "InProgress" ? "Stopping" : job.status,
      );
    if (stopped.status === "Stopped") await store.importJobs.deleteFile(UserPoolId, JobId);
    return { UserImportJob: renderJob(secrets, config.issuerBaseUrl, stopped) };
  },
);
