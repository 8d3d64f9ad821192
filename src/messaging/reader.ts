import type { SecretBox } from "../crypto/secret-box.ts";
import type { OutboxMessage } from "../storage/ports.ts";
import { openContent, renderText } from "./content.ts";

/** A message as the loopback reader shows it (`GET /_hushpool/messages`): text finished, code beside it. */
export interface ReadableMessage {
  id: string;
  poolId: string;
  username: string;
  sub: string;
  medium: OutboxMessage["medium"];
  destination: string;
  subject: string | null;
  /** The finished text; null when the content does not open with this master key. */
  body: string | null;
  code: string | null;
  purpose: string;
  createdAt: number;
  sentAt: number | null;
}

/** Opens a stored message for the loopback reader, the one reader besides the senders. */
export function readable(box: SecretBox, m: OutboxMessage): ReadableMessage {
  const c = openContent(box, m);
  return {
    id: m.id,
    poolId: m.poolId,
    username: m.username,
    sub: m.sub,
    medium: m.medium,
    destination: m.destination,
    subject: c ? c.subject : null,
    body: c ? renderText(c, c.secret ?? "") : null,
    code: c ? c.secret : null,
    purpose: m.purpose,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
  };
}
