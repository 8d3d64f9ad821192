import type { Logger } from "pino";
import type { OutboxMessage } from "../storage/ports.ts";

/** One message on its way out, as the messenger hands it to a sender. */
export interface Delivery {
  id: string;
  poolId: string;
  username: string;
  medium: OutboxMessage["medium"];
  destination: string;
  purpose: string;
  subject: string | null;
  /** The text: with the code or temporary password in it, or `REDACTED` in its place (below). */
  text: string;
  /** The code or temporary password, only when this sender receives secrets for this medium. */
  secret: string | null;
}

export interface Sender {
  /**
   * Whether the messenger may open the secret for this medium. A sender that only logs answers
   * false unless `--log-codes` is on: it is then given the text with `REDACTED` in the secret's
   * place and never sees the secret at all (docs/security.md#secrets-at-rest).
   */
  receivesSecret(medium: OutboxMessage["medium"]): boolean;
  send(delivery: Delivery): Promise<void>;
}

/** What a log line shows instead of a code or a temporary password. */
export const REDACTED = "[redacted]";

/**
 * Development sender: logs each message at info level. Codes and temporary passwords are in the line
 * only with `logCodes` (`--log-codes`, src/config/config.ts).
 */
export function logSender(log: Logger, logCodes = false): Sender {
  return {
    receivesSecret: () => logCodes,
    async send(d) {
      log.info(
        {
          poolId: d.poolId,
          username: d.username,
          medium: d.medium,
          destination: d.destination,
          ...(d.secret === null ? {} : { code: d.secret }),
        },
        `message (${d.purpose}) to ${d.destination}: ${d.subject ? `${d.subject} — ` : ""}${d.text}`,
      );
    },
  };
}

/**
 * SMTP sender for `--smtp-url smtp://user:pass@host:port?from=noreply@example.com`. SMS messages
 * have no SMTP route and are logged instead (with their codes only under `--log-codes`).
 */
export async function smtpSender(url: string, log: Logger, logCodes = false): Promise<Sender> {
  const { createTransport } = await import("nodemailer");
  const parsed = new URL(url);
  const from = parsed.searchParams.get("from") ?? "no-reply@hushpool.local";
  const transport = createTransport(url);
  const fallback = logSender(log, logCodes);
  return {
    receivesSecret: (medium) => medium === "EMAIL" || fallback.receivesSecret(medium),
    async send(d) {
      if (d.medium !== "EMAIL") return fallback.send(d);
      await transport.sendMail({ from, to: d.destination, subject: d.subject ?? "", text: d.text });
    },
  };
}

/**
 * SMS to a gateway you run (`--sms-webhook-url`): each SMS is POSTed as JSON
 * `{ "to", "text", "poolId", "username", "purpose", "messageId" }` (the code is in `text`). A non-2xx
 * answer or a network error fails the delivery, which the outbox retries after its lease
 * (docs/mfa.md#sms-and-email-codes).
 */
export function webhookSmsSender(url: string, fetcher: typeof fetch = fetch): Sender {
  return {
    receivesSecret: (medium) => medium === "SMS",
    async send(d) {
      const res = await fetcher(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          to: d.destination,
          text: d.text,
          poolId: d.poolId,
          username: d.username,
          purpose: d.purpose,
          messageId: d.id,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`SMS webhook answered HTTP ${res.status}`);
    },
  };
}

/** Email to one sender, SMS to another (`--smtp-url` with `--sms-webhook-url`). */
export function routedSender(route: { email: Sender; sms: Sender }): Sender {
  const pick = (medium: OutboxMessage["medium"]): Sender => (medium === "SMS" ? route.sms : route.email);
  return {
    receivesSecret: (medium) => pick(medium).receivesSecret(medium),
    send: (d) => pick(d.medium).send(d),
  };
}
