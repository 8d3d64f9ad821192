import type { Services } from "../services.ts";
import type { Retention } from "../storage/ports.ts";

/**
 * Background upkeep on every node (all of it idempotent, so nodes need no coordination):
 * - drain the outbox periodically, so a message left by a node that died mid-delivery is sent once its
 *   lease lapses even when nothing new is enqueued;
 * - sweep expired codes, sessions, expired counters, expired refresh tokens, old sent messages and
 *   sent decoys: every row a request for an unknown name writes (docs/security.md#quotas).
 * Timers are unref'd: they never keep the process alive.
 */
export const RETENTION: Retention = {
  // Longer than the longest AuthSessionValidity (15 min), so a replay still gets "used once".
  sessionsMs: 60 * 60_000,
  // A counter goes a minute after its window or idle reset ends (1 h attempt windows, 15 min lockout
  // idle, 1 s quota windows): a node whose clock runs a little ahead cannot drop one still in use.
  counterGraceMs: 60_000,
  // Backstop for counters without an expiry (none are written now; rows from before it existed).
  countersMs: 24 * 60 * 60_000,
  sentMessagesMs: 7 * 24 * 60 * 60_000,
  // A decoy is finished once the drainer has marked it sent; the next sweep drops it.
  decoyMessagesMs: 0,
};

/** One sweep with the retention above, as the timer runs it (benchmarks call it directly). */
export function sweepOnce(services: Pick<Services, "store" | "clock">): Promise<Record<string, number>> {
  return services.store.maintenance.sweep(services.clock.now(), RETENTION);
}

export function startHousekeeping(
  services: Pick<Services, "store" | "messenger" | "clock" | "log">,
  opts: { drainEveryMs?: number; sweepEveryMs?: number } = {},
): () => void {
  const drain = setInterval(() => {
    services.messenger.drain().catch((e: unknown) => services.log.warn({ err: e }, "outbox drain failed"));
  }, opts.drainEveryMs ?? 30_000);
  const sweep = setInterval(
    () => {
      sweepOnce(services).then(
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
