import type { Services } from "../services.ts";
import type { Retention } from "../storage/ports.ts";

/**
 * Background upkeep on every node (all of it idempotent, so nodes need no coordination):
 * - drain the outbox periodically, so a message left by a node that died mid-delivery is sent once its
 *   lease lapses even when nothing new is enqueued;
 * - sweep expired codes, sessions, idle counters, expired refresh tokens and old sent messages.
 * Timers are unref'd: they never keep the process alive.
 */
export const RETENTION: Retention = {
  // Longer than the longest AuthSessionValidity (15 min), so a replay still gets "used once".
  sessionsMs: 60 * 60_000,
  // Longer than every attempt window (1 h) and the lockout idle reset (15 min).
  countersMs: 24 * 60 * 60_000,
  sentMessagesMs: 7 * 24 * 60 * 60_000,
};

export function startHousekeeping(
  services: Pick<Services, "store" | "messenger" | "clock" | "log">,
  opts: { drainEveryMs?: number; sweepEveryMs?: number } = {},
): () => void {
  const drain = setInterval(() => {
    services.messenger.drain().catch((e: unknown) => services.log.warn({ err: e }, "outbox drain failed"));
  }, opts.drainEveryMs ?? 30_000);
  const sweep = setInterval(
    () => {
      services.store.maintenance.sweep(services.clock.now(), RETENTION).then(
        (removed) => services.log.debug({ removed }, "housekeeping sweep"),
        (e: unknown) => services.log.warn({ err: e }, "housekeeping sweep failed"),
      );
    },
    opts.sweepEveryMs ?? 10 * 60_000,
  );
  drain.unref();
  sweep.unref();
  return () => {
    clearInterval(drain);
    clearInterval(sweep);
  };
}
