import type { Logger } from "pino";
import type { ImportJobRecord, ImportProgress, Store } from "../../storage/ports.ts";
import { importRow, parseImportCsv } from "./csv-rows.ts";
import { COMPLETION } from "./jobs.ts";

/** Rows per transaction: the users of a batch and the job's counts commit together. */
export const BATCH_ROWS = 500;

export interface RunDeps {
  store: Store;
  clock: { now(): number };
  log: Pick<Logger, "info" | "warn">;
}

/**
 * Runs a job this node has claimed (docs/admin-users.md#user-import-jobs). Each batch of rows is one
 * transaction that also writes the job's counts and renews the claim, so the counts always match the
 * users written, and a job taken over from a node that died resumes after the last committed batch
 * (rows done = imported + skipped + failed): every row is imported exactly once. A bad row is logged
 * as a CloudWatch-style line and counted. `stopping()` lets a closing server leave the job to
 * another node at a batch boundary.
 */
export async function runImportJob(
  deps: RunDeps,
  job: ImportJobRecord,
  node: string,
  leaseMs: number,
  stopping: () => boolean,
): Promise<void> {
  const { store, clock, log } = deps;
  const counts: ImportProgress = { imported: job.imported, skipped: job.skipped, failed: job.failed };
  const finish = async (status: "Succeeded" | "Failed" | "Stopped", message: string) => {
    if (await store.importJobs.finish(job.poolId, job.jobId, node, status, counts, clock.now(), message)) {
      await store.importJobs.deleteFile(job.poolId, job.jobId);
      log.info({ poolId: job.poolId, jobId: job.jobId, status, ...counts }, `[${job.jobId}] ${message}`);
    }
  };
  if (job.status === "Stopping") return finish("Stopped", COMPLETION.stopped);
  const pool = await store.pools.get(job.poolId);
  const text = await store.importJobs.getFile(job.poolId, job.jobId);
  if (!pool || text === null) return finish("Failed", COMPLETION.failed);
  const parsed = parseImportCsv(pool, text);
  if (!parsed.ok) {
    log.warn({ poolId: job.poolId, jobId: job.jobId }, `[${job.jobId}] [ERROR] ${parsed.reason}`);
    return finish("Failed", COMPLETION.failed);
  }
  let next = counts.imported + counts.skipped + counts.failed;
  while (next < parsed.rows.length) {
    if (stopping()) return; // the claim lapses and another node (or this one, restarted) resumes
    const end = Math.min(next + BATCH_ROWS, parsed.rows.length);
    const status = await store.transaction(async (tx) => {
      for (let i = next; i < end; i++) {
        const out = await importRow(tx, pool, parsed.header, parsed.rows[i] ?? [], clock.now());
        if (out.kind === "imported") counts.imported++;
        else {
          counts[out.kind]++;
          // CSV line numbers count the header as line 1.
          log.warn(
            { poolId: job.poolId, jobId: job.jobId, line: i + 2, outcome: out.kind },
            `[${job.jobId}] [${out.kind === "skipped" ? "SKIPPED" : "FAILED"}] Line ${i + 2}: ${out.reason}`,
          );
        }
      }
      return tx.importJobs.progress(job.poolId, job.jobId, node, counts, clock.now() + leaseMs);
    });
    if (status === null) return; // no longer ours (it lapsed and another node took it)
    next = end;
    if (status === "Stopping") return finish("Stopped", COMPLETION.stopped);
  }
  // Decision: the job fails when no row could be imported although there were rows to import.
  const failed = counts.imported === 0 && counts.skipped + counts.failed > 0;
  return finish(failed ? "Failed" : "Succeeded", failed ? COMPLETION.failed : COMPLETION.succeeded);
}
