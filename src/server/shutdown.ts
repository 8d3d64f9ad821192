import type { Server } from "node:http";
import type { Logger } from "pino";

/**
 * Closes the server: no new connections, idle keep-alive connections closed at once, requests in
 * flight given until `deadlineMs` to finish; then every socket still open is destroyed, so a slow or
 * stuck client cannot hold a shutdown (a rolling deploy, a test's `after`) for longer than that
 * (`--shutdown-timeout-ms`, docs/operating.md#shutdown).
 */
export async function closeWithDeadline(server: Server, deadlineMs: number, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    timer = setTimeout(() => {
      log.warn({ deadlineMs }, "shutdown deadline reached: closing the connections still open");
      server.closeAllConnections();
    }, deadlineMs);
    // The deadline alone must not keep the process alive once everything else has ended.
    timer.unref();
  });
  clearTimeout(timer);
}
