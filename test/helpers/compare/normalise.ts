import type { RawAnswer } from "./raw-http.ts";

/**
 * What the comparison may ignore, and how: values that are fresh on every request (request ids,
 * dates, SRP_B, sealed session blobs, new subs) are replaced by a placeholder that keeps what a
 * caller could still measure (a blob's length, a hex number's length to the nearest 8 digits);
 * values that are deterministic per name (simulated SALT, USER_ID_FOR_SRP, masked destinations)
 * are reduced to their shape (character classes), so a known and an unknown name of the same shape
 * must give equal shapes (docs/existence.md#deterministic-fakes); a name in the answer is also
 * compared with the name typed (`<typed>`), because a real user's answer that names someone else (the
 * internal username behind an alias) tells the caller the name exists. Everything else compares as is.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Letters and digits by class, punctuation kept: `K***@e***` → `A***@a***`; a UUID is `<uuid>`. */
export function shapeOf(s: string): string {
  if (UUID.test(s)) return "<uuid>";
  return s.replace(/[a-z]/g, "a").replace(/[A-Z]/g, "A").replace(/[0-9]/g, "9");
}

/** Unpadded hex (SRP numbers, salts): leading zeros make the length vary at random, so bucket it. */
const hexLength = (s: string): string =>
  /^[0-9a-f]+$/.test(s) ? `<hex:~${Math.ceil(s.length / 8) * 8}>` : `<not hex: ${shapeOf(s)}>`;

const fresh = {
  uuid: (s: string) => (UUID.test(s) ? "<uuid>" : `<not a uuid: ${s}>`),
  hex: hexLength,
  /** A sealed blob: its bytes are random, its length is not. */
  blob: (s: string) => `<blob:${s.length}>`,
  jwt: (s: string) => `<jwt:${s.split(".").length} parts>`,
};

const deterministic = { shape: shapeOf, hex: hexLength };

/** Compares the value with the name the caller typed: `<typed>` when equal, else its shape. */
type Rule = (s: string, typed?: string) => string;
const nameLike: Rule = (s, typed) => (s === typed ? "<typed>" : shapeOf(s));

/**
 * USER_AUTH's WEB_AUTHN options (a JSON string): the challenge is fresh (its length kept), credential
 * ids are reduced to their length; everything else (rpId, timeout, transports, order) compares as is.
 */
function requestOptions(s: string): string {
  try {
    const o = JSON.parse(s) as Record<string, unknown>;
    const ids = (o.allowCredentials as { id: string }[] | undefined)?.map((c) => ({
      ...c,
      id: `<id:${c.id.length}>`,
    }));
    return JSON.stringify({
      ...o,
      challenge: `<challenge:${String(o.challenge).length}>`,
      ...(ids ? { allowCredentials: ids } : {}),
    });
  } catch {
    return `<not json: ${s.length}>`;
  }
}

/** Body members by path (keys joined with "."). */
export const FRESH_BODY: Record<string, Rule> = {
  UserSub: fresh.uuid,
  Session: fresh.blob,
  "ChallengeParameters.SRP_B": fresh.hex,
  "ChallengeParameters.SECRET_BLOCK": fresh.blob,
  "AuthenticationResult.AccessToken": fresh.jwt,
  "AuthenticationResult.IdToken": fresh.jwt,
  "AuthenticationResult.RefreshToken": fresh.blob,
  "ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS": requestOptions,
};

export const DETERMINISTIC_BODY: Record<string, Rule> = {
  "ChallengeParameters.SALT": deterministic.hex,
  "ChallengeParameters.USER_ID_FOR_SRP": nameLike,
  "ChallengeParameters.USERNAME": nameLike,
  "CodeDeliveryDetails.Destination": deterministic.shape,
  "ChallengeParameters.CODE_DELIVERY_DESTINATION": deterministic.shape,
};

export interface Normalised {
  status: number;
  headerNames: string[];
  /** Header values by lower-case name, normalised. */
  headers: Map<string, string>;
  /** The parsed body with every value normalised (key order kept), or the raw text. */
  body: unknown;
  /** Deterministic members as sent, for the stability check. */
  deterministic: Record<string, string>;
}

function headerValue(name: string, value: string, body: string): string {
  switch (name) {
    case "x-amzn-requestid":
      return fresh.uuid(value);
    case "date":
      return HTTP_DATE.test(value) ? "<date>" : `<not a date: ${value}>`;
    case "content-length":
      // The body's own length is compared through the normalised body; here, only its truth.
      return Number(value) === Buffer.byteLength(body)
        ? "<length>"
        : `<length ${value} for ${Buffer.byteLength(body)} bytes>`;
    default:
      return value;
  }
}

function walk(v: unknown, path: string, found: Record<string, string>, typed?: string): unknown {
  if (typeof v === "string") {
    const det = DETERMINISTIC_BODY[path];
    if (det) {
      found[path] = v;
      return det(v, typed);
    }
    const f = FRESH_BODY[path];
    return f ? f(v) : v;
  }
  if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`, found, typed));
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, path ? `${path}.${k}` : k, found, typed);
    return out;
  }
  return v;
}

/** `typed`: the name the request carried, so that an answer echoing it can be told from one that does not. */
export function normalise(a: RawAnswer, typed?: string): Normalised {
  const headers = new Map<string, string>();
  const headerNames: string[] = [];
  for (const [name, value] of a.headers) {
    const n = name.toLowerCase();
    headerNames.push(name);
    headers.set(n, headerValue(n, value, a.body));
  }
  const found: Record<string, string> = {};
  let body: unknown = a.body;
  try {
    body = walk(JSON.parse(a.body) as unknown, "", found, typed);
  } catch {
    // Not JSON: compared as text.
  }
  return { status: a.status, headerNames, headers, body, deterministic: found };
}
