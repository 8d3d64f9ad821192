import type { Logger } from "pino";
import type { OutboxMessage } from "../storage/ports.ts";

export interface Sender {
  send(message: OutboxMessage): Promise<void>;
}

/** Development sender: logs each message (codes included) so a developer can read it. */
export function logSender(log: Logger): Sender {
  return {
    async send(m) {
      log.info(
        {
          poolId: m.poolId,
          username: m.username,
          medium: m.medium,
          destination: m.destination,
          code: m.code,
        },
        `message (${m.purpose}) to ${m.destination}: ${m.subject ? `${m.subject} — ` : ""}${m.body}`,
      );
    },
  };
}

/**
 * SMTP sender for `--smtp-url smtp://user:pass@host:port?from=noreply@example.com`. SMS messages
 * have no SMTP route and are logged instead.
 */
export async function smtpSender(url: string, log: Logger): Promise<Sender> {
  const { createTransport } = await import("nodemailer");
  const parsed = new URL(url);
  const from = parsed.searchParams.get("from") ?? "no-reply@hushpool.local";
  const transport = createTransport(url);
  const fallback = logSender(log);
  return {
    async send(m) {
      if (m.medium !== "EMAIL") return fallback.send(m);
      await transport.sendMail({ from, to: m.destination, subject: m.subject ?? "", text: m.body });
    },
  };
}
