import type { Services } from "../../services.ts";
import type { ImportJobRecord, Store } from "../../storage/ports.ts";
import { requirePool } from "../pools/lookup.ts";
import { renderJob, requireJob } from "./jobs.ts";

/**
 * What a one-job operation's own part gets: the ids as the request names them, the store, the
 * request's time (read once) and the job found.
 */
export interface JobStep {
  poolId: string;
  jobId: string;
  store: Store;
  now: number;
  job: ImportJobRecord;
}

/**
 * The shared body of StartUserImportJob, StopUserImportJob and DescribeUserImportJob
 * (docs/admin-users.md#user-import-jobs): the pool first (`ResourceNotFoundException: User pool <id>
 * does not exist.`), then the job, expired on the spot when due (`ResourceNotFoundException: Import
 * job <id> does not exist.`); `step` does the operation's own part and returns the job to answer with,
 * rendered as UserImportJobType.
 */
export function jobOperation(step: (s: JobStep) => Promise<ImportJobRecord>) {
  return async (
    { UserPoolId, JobId }: { UserPoolId: string; JobId: string },
    { store, clock, secrets, config }: Pick<Services, "clock" | "config" | "secrets" | "store">,
  ): Promise<{ UserImportJob: Record<string, unknown> }> => {
    await requirePool(store, UserPoolId);
    const now = clock.now();
    const job = await requireJob(store, UserPoolId, JobId, now);
    const answer = await step({ poolId: UserPoolId, jobId: JobId, store, now, job });
    return { UserImportJob: renderJob(secrets, config.issuerBaseUrl, answer) };
  };
}
