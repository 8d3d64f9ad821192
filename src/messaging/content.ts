import type { SecretBox } from "../crypto/secret-box.ts";
import type { OutboxMessage } from "../storage/ports.ts";

/**
 * What a message says, kept apart from the secret it carries (a code or a temporary password), so
 * the secret is never part of a text that could be stored or logged in clear (docs/security.md#secrets-at-rest).
 * `parts` is the text around the secret: the secret goes between consecutive parts, wherever the
 * template had Cognito's code placeholder `{####}`. A text without a secret has one part.
 */
export interface MessageContent {
  subject: string | null;
  parts: readonly string[];
  secret: string | null;
}

/** Cognito's code placeholder in message templates (docs/triggers.md#custommessage). */
export const CODE_PLACEHOLDER = "{####}";

/**
 * Splits a template at the code placeholder, then fills the other placeholders (`{username}`) in
 * each part. Filling after the split means a value that happens to contain `{####}` (a username may)
 * never becomes a place for the secret.
 */
export function splitAtCode(template: string, fills: Readonly<Record<string, string>> = {}): string[] {
  return template.split(CODE_PLACEHOLDER).map((part) => {
    let out = part;
    for (const [placeholder, value] of Object.entries(fills)) out = out.replaceAll(placeholder, value);
    return out;
  });
}

/** The text with `fill` in the secret's places: the secret itself to deliver, a mask to log. */
export const renderText = (c: Pick<MessageContent, "parts">, fill: string): string => c.parts.join(fill);

type Routing = Pick<OutboxMessage, "id" | "poolId" | "username" | "medium" | "destination" | "purpose">;

/**
 * The seal's context binds the content to its row's routing, so a sealed body moved to another row,
 * or a row whose destination was rewritten in the database, no longer opens (and is not delivered).
 */
const contextOf = (m: Routing): string =>
  `outbox:${JSON.stringify([m.id, m.poolId, m.username, m.medium, m.destination, m.purpose])}`;

/** The stored form of a message's content: one AES-256-GCM seal over subject, text and secret. */
export function sealContent(box: SecretBox, routing: Routing, c: MessageContent): string {
  return box.seal(JSON.stringify({ s: c.subject, p: c.parts, c: c.secret }), contextOf(routing));
}

interface Envelope {
  s: string | null;
  p: string[];
  c: string | null;
}

const isEnvelope = (v: unknown): v is Envelope => {
  const e = v as Partial<Envelope> | null;
  return (
    typeof e === "object" &&
    e !== null &&
    (e.s === null || typeof e.s === "string") &&
    (e.c === null || typeof e.c === "string") &&
    Array.isArray(e.p) &&
    e.p.every((x) => typeof x === "string")
  );
};

/**
 * A stored message's content, or null when its seal does not open (another master key, or a row
 * changed in the database). Rows written in clear by versions before sealing (`sealed: false`) hold
 * the finished text and the code side by side: the text is split at the code, which gives back the
 * same text when filled and keeps the code out of what is logged.
 */
export function openContent(box: SecretBox, m: OutboxMessage): MessageContent | null {
  if (!m.sealed) {
    const parts = m.code ? m.body.split(m.code) : [m.body];
    return { subject: m.subject, parts, secret: m.code };
  }
  const plain = box.openString(m.body, contextOf(m));
  if (plain === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain);
  } catch {
    return null;
  }
  return isEnvelope(parsed) ? { subject: parsed.s, parts: parsed.p, secret: parsed.c } : null;
}

type Recipient = Pick<OutboxMessage, "poolId" | "username" | "sub" | "medium" | "destination">;

/**
 * A message to queue. A text that carries a secret (a code, a temporary password) is given as the
 * parts around it (`splitAtCode`) with the secret in `code`, never as a finished text, so the secret
 * is sealed apart and kept out of logs; a text without one is a plain string.
 */
export type NewMessage = Recipient & { purpose: string; subject: string | null } & (
    | { body: string; code: null }
    | { body: readonly string[]; code: string }
  );

/** The outbox row for a new message: routing in clear, everything it says sealed. */
export function storedMessage(
  box: SecretBox,
  message: NewMessage,
  row: { id: string; purpose: string; createdAt: number },
): OutboxMessage {
  const content: MessageContent =
    typeof message.body === "string"
      ? { subject: message.subject, parts: [message.body], secret: null }
      : { subject: message.subject, parts: message.body, secret: message.code };
  const routing = {
    id: row.id,
    poolId: message.poolId,
    username: message.username,
    sub: message.sub,
    medium: message.medium,
    destination: message.destination,
    purpose: row.purpose,
  };
  const body = sealContent(box, routing, content);
  return {
    ...routing,
    body,
    subject: null,
    code: null,
    sealed: true,
    createdAt: row.createdAt,
    sentAt: null,
  };
}
