import { randomUUID } from "node:crypto";
import { runImportJob } from "../domain/import-jobs/run.ts";
import type { Services } from "../services.ts";

/**
 * Runs started user import jobs in the background on every node (docs/admin-users.md#user-import-jobs).
 * Each tick claims at most one job in storage (one conditional update, so of several nodes exactly one
 * gets it) and runs it to the end; the claim is a lease renewed with every batch, so a job whose node
 * died is taken over once its lease lapses. The timer is unref'd.
 */
export function startImportRunner(
  services: Pick<Services, "store" | "clock" | "log">,
  opts: { pollMs?: number; leaseMs?: number } = {},
): () => Promise<void> {
  const node = randomUUID();
  const leaseMs = opts.leaseMs ?? 60_000;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        for (;;) {
          const now = services.clock.now();
          const job = await services.store.importJobs.claim(node, now, now + leaseMs);
          if (!job || stopped) return;
          await runImportJob(services, job, node, leaseMs, () => stopped);
        }
      } catch (e) {
        services.log.warn({ err: e }, "user import runner failed");
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, opts.pollMs ?? 500);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
