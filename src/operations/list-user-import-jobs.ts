import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { expireIfDue, renderJob } from "../domain/import-jobs/jobs.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * ListUserImportJobs (docs/admin-users.md#user-import-jobs): the pool's jobs in creation order,
 * `MaxResults` 1–60 (required); the PaginationToken is `<pool id>#<job id>#<creation ms>` of the
 * page's last job, the form of AWS's example.
 */
export const listUserImportJobs = defineOperation(
  "ListUserImportJobs",
  z.object({
    UserPoolId: shapes.userPoolId,
    MaxResults: z.number().int().min(1).max(60),
    PaginationToken: z.string().min(1).max(256).optional(),
  }),
  async (
    { UserPoolId, MaxResults, PaginationToken },
    { store, clock, secrets, config }: Pick<Services, "clock" | "config" | "secrets" | "store">,
  ) => {
    await requirePool(store, UserPoolId);
    let after: { createdAt: number; jobId: string } | undefined;
    if (PaginationToken !== undefined) {
      const m = /^([\w-]+_[0-9a-zA-Z]+)#(import-[0-9a-zA-Z-]+)#(\d{1,16})$/.exec(PaginationToken);
      if (!m || m[1] !== UserPoolId) throw errors.invalidPaginationToken();
      after = { jobId: m[2] ?? "", createdAt: Number(m[3]) };
    }
    const page = await store.importJobs.list(UserPoolId, MaxResults + 1, after);
    const shown = await Promise.all(page.slice(0, MaxResults).map((j) => expireIfDue(store, j, clock.now())));
    const last = shown.at(-1);
    return {
      UserImportJobs: shown.map((j) => renderJob(secrets, config.issuerBaseUrl, j)),
      ...(page.length > MaxResults && last
        ? { PaginationToken: `${last.poolId}#${last.jobId}#${last.createdAt}` }
        : {}),
    };
  },
);
