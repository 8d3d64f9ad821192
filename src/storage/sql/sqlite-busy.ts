/**
 * Waiting for SQLite's write lock without blocking the event loop (docs/scaling.md#workers).
 *
 * Workers share one database file, and only one connection at a time may write. SQLite's own busy
 * handler (`busy_timeout`) waits by sleeping inside the statement — and better-sqlite3 runs statements
 * synchronously on the event loop, so a worker whose write found the lock taken stopped serving every
 * other request it held (their crypto included) for 1, 2, 5 … ms. Instead the executor runs with
 * `busy_timeout = 0`, so a statement that cannot get a lock fails at once with SQLITE_BUSY having done
 * nothing, and waits here, asynchronously, before running it again.
 */

/** How long a statement may keep finding the database busy before the error stands (SQLite's busy_timeout before). */
export const BUSY_LIMIT_MS = 5000;

/**
 * SQLITE_BUSY and its extended codes (better-sqlite3 puts the extended code's name on `code`):
 * SQLITE_BUSY_SNAPSHOT (a write began on a snapshot another connection has since moved past),
 * SQLITE_BUSY_RECOVERY (another connection is rebuilding the WAL index), SQLITE_BUSY_TIMEOUT.
 * Each means the statement took no effect and may simply run again. SQLITE_LOCKED is not among
 * them: without shared cache it is a conflict inside this one connection, which waiting cannot
 * resolve, and SQLite's busy handler never waited on it either.
 */
export function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_"));
}

/**
 * Pauses before the next attempt. A write holds the lock for tens of microseconds to a millisecond,
 * so the first retries only let the event loop turn (other requests' work runs meanwhile, and is
 * usually longer than the lock is held); later ones back off on timers, as SQLite's own handler does
 * (1, 2, 5 … ms), up to 20 ms, so a long wait polls about 50 times a second, not in a busy loop.
 */
export function busyPause(attempt: number): Promise<void> {
  if (attempt < 2) return new Promise((resolve) => setImmediate(resolve));
  const ms = BACKOFF_MS[Math.min(attempt - 2, BACKOFF_MS.length - 1)];
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const BACKOFF_MS = [1, 1, 2, 2, 5, 5, 10, 10, 20];
