import type { ImportJobRecord, ImportJobStatus, ImportJobStore } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";

interface JobRow {
  [k: string]: unknown;
  pool_id: string;
  job_id: string;
  job_name: string;
  role_arn: string;
  status: string;
  created_at: number | string;
  started_at: number | string | null;
  completed_at: number | string | null;
  imported: number | string;
  skipped: number | string;
  failed: number | string;
  message: string | null;
}

const n = (v: number | string | null): number | null => (v === null ? null : Number(v));

const toRecord = (r: JobRow): ImportJobRecord => ({
  poolId: r.pool_id,
  jobId: r.job_id,
  jobName: r.job_name,
  roleArn: r.role_arn,
  status: r.status as ImportJobStatus,
  createdAt: Number(r.created_at),
  startedAt: n(r.started_at),
  completedAt: n(r.completed_at),
  imported: Number(r.imported),
  skipped: Number(r.skipped),
  failed: Number(r.failed),
  message: r.message,
});

const COLUMNS =
  "pool_id, job_id, job_name, role_arn, status, created_at, started_at, completed_at, imported, skipped, failed, message";

export function sqlImportJobStore(db: SqlExecutor): ImportJobStore {
  const get = async (poolId: string, jobId: string) => {
    const r = await db.get<JobRow>(`SELECT ${COLUMNS} FROM import_jobs WHERE pool_id = ? AND job_id = ?`, [
      poolId,
      jobId,
    ]);
    return r ? toRecord(r) : null;
  };
  return {
    async create(j) {
      await db.run(`INSERT INTO import_jobs (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        j.poolId,
        j.jobId,
        j.jobName,
        j.roleArn,
        j.status,
        j.createdAt,
        j.startedAt,
        j.completedAt,
        j.imported,
        j.skipped,
        j.failed,
        j.message,
      ]);
    },
    get,
    async list(poolId, limit, after) {
      const rows = after
        ? await db.all<JobRow>(
            `SELECT ${COLUMNS} FROM import_jobs WHERE pool_id = ?
               AND (created_at > ? OR (created_at = ? AND job_id > ?))
             ORDER BY created_at, job_id LIMIT ?`,
            [poolId, after.createdAt, after.createdAt, after.jobId, limit],
          )
        : await db.all<JobRow>(
            `SELECT ${COLUMNS} FROM import_jobs WHERE pool_id = ? ORDER BY created_at, job_id LIMIT ?`,
            [poolId, limit],
          );
      return rows.map(toRecord);
    },
    async transition(poolId, jobId, from, to, set) {
      const marks = from.map(() => "?").join(", ");
      const { changes } = await db.run(
        `UPDATE import_jobs SET status = ?,
           started_at = COALESCE(?, started_at), completed_at = COALESCE(?, completed_at), message = COALESCE(?, message)
         WHERE pool_id = ? AND job_id = ? AND status IN (${marks})`,
        [to, set.startedAt ?? null, set.completedAt ?? null, set.message ?? null, poolId, jobId, ...from],
      );
      return changes === 1 ? get(poolId, jobId) : null;
    },
    async claim(node, now, leaseUntil) {
      // A few candidates, then a conditional update per candidate: of several nodes racing for one
      // job, exactly one update changes the row.
      const candidates = await db.all<{ pool_id: string; job_id: string }>(
        `SELECT pool_id, job_id FROM import_jobs
         WHERE status = 'Pending' OR (status IN ('InProgress', 'Stopping') AND lease_until < ?)
         ORDER BY started_at LIMIT 5`,
        [now],
      );
      for (const c of candidates) {
        const { changes } = await db.run(
          `UPDATE import_jobs SET status = CASE WHEN status = 'Stopping' THEN 'Stopping' ELSE 'InProgress' END,
             claimed_by = ?, lease_until = ?
           WHERE pool_id = ? AND job_id = ?
             AND (status = 'Pending' OR (status IN ('InProgress', 'Stopping') AND lease_until < ?))`,
          [node, leaseUntil, c.pool_id, c.job_id, now],
        );
        if (changes === 1) return get(c.pool_id, c.job_id);
      }
      return null;
    },
    async progress(poolId, jobId, node, counts, leaseUntil) {
      const { changes } = await db.run(
        `UPDATE import_jobs SET imported = ?, skipped = ?, failed = ?, lease_until = ?
         WHERE pool_id = ? AND job_id = ? AND claimed_by = ? AND status IN ('InProgress', 'Stopping')`,
        [counts.imported, counts.skipped, counts.failed, leaseUntil, poolId, jobId, node],
      );
      if (changes !== 1) return null;
      return (await get(poolId, jobId))?.status ?? null;
    },
    async finish(poolId, jobId, node, status, counts, completedAt, message) {
      const { changes } = await db.run(
        `UPDATE import_jobs SET status = ?, imported = ?, skipped = ?, failed = ?, completed_at = ?, message = ?,
           claimed_by = NULL, lease_until = NULL
         WHERE pool_id = ? AND job_id = ? AND claimed_by = ? AND status IN ('InProgress', 'Stopping')`,
        [status, counts.imported, counts.skipped, counts.failed, completedAt, message, poolId, jobId, node],
      );
      return changes === 1;
    },
    async putFile(poolId, jobId, body, now) {
      await db.run(
        `INSERT INTO import_files (pool_id, job_id, body, uploaded_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (pool_id, job_id) DO UPDATE SET body = excluded.body, uploaded_at = excluded.uploaded_at`,
        [poolId, jobId, body, now],
      );
    },
    async getFile(poolId, jobId) {
      const r = await db.get<{ body: string }>(
        "SELECT body FROM import_files WHERE pool_id = ? AND job_id = ?",
        [poolId, jobId],
      );
      return r ? r.body : null;
    },
    async hasFile(poolId, jobId) {
      return (
        (await db.get("SELECT 1 AS x FROM import_files WHERE pool_id = ? AND job_id = ?", [
          poolId,
          jobId,
        ])) !== undefined
      );
    },
    async deleteFile(poolId, jobId) {
      await db.run("DELETE FROM import_files WHERE pool_id = ? AND job_id = ?", [poolId, jobId]);
    },
  };
}
