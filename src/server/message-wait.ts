import type { OutboxMessage } from "../storage/ports.ts";

/** The longest `?wait=` the message reader honours, in seconds (docs/seeding.md#waiting-for-a-message). */
export const MAX_WAIT_SECONDS = 30;
/** How often a waiting reader looks at the store anyway, for messages written by other nodes. */
const STORE_POLL_MS = 200;

/** `?wait=SECONDS` as milliseconds: absent → 0; refused (null) when not a number from 0 to the maximum. */
export function waitParam(url: URL): number | null {
  const raw = url.searchParams.get("wait");
  if (raw === null || raw === "") return 0;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > MAX_WAIT_SECONDS) return null;
  return Math.round(n * 1000);
}

/**
 * Lists until something is there or the time is up: woken at once by a message written on this node
 * (`arrival`), and looking at the store every STORE_POLL_MS for the other nodes' messages.
 */
export async function listWaiting(
  list: () => Promise<OutboxMessage[]>,
  arrival: (ms: number) => Promise<void>,
  waitMs: number,
): Promise<OutboxMessage[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const found = await list();
    const left = deadline - Date.now();
    if (found.length > 0 || left <= 0) return found;
    await arrival(Math.min(left, STORE_POLL_MS));
  }
}
