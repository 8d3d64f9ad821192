import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ServerSecrets } from "../../crypto/server-secrets.ts";
import type { AdminKey } from "../admin-auth/keys.ts";

/**
 * The console's session (docs/console.md#signing-in): a stateless cookie, signed with a key derived
 * from the server's shared secret seed, so that every node of a deployment accepts it without a
 * session table. It names the admin key that signed in; its signature also covers a digest of that
 * key's secret, so rotating or removing the key ends its sessions everywhere at once.
 */
export const COOKIE = "hushpool_console";
/** The pre-session cookie that binds the sign-in form to the browser that loaded it. */
export const PRE_COOKIE = "hushpool_console_pre";
/** A session unused for this long is over (idle expiry). */
export const IDLE_MS = 30 * 60 * 1000;
/** And any session is over this long after sign-in, however busy. */
export const MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** The cookie is re-issued (sliding the idle expiry) when its last renewal is older than this. */
export const RENEW_MS = 60 * 1000;

export interface Session {
  /** Random id: the CSRF token is derived from it. */
  sid: string;
  /** The admin key that signed in; "" for the keyless local console. */
  keyId: string;
  /** Signed-in time and last renewal (ms). */
  iat: number;
  seen: number;
}

const b64u = (b: Buffer | string): string => Buffer.from(b).toString("base64url");

/** The key a session is signed for: its id and a digest of its secret ("" for keyless). */
const fingerprint = (key: AdminKey | null): string =>
  key ? createHash("sha256").update(key.secretAccessKey).digest("hex") : "";

export class SessionCodec {
  constructor(
    private readonly secrets: ServerSecrets,
    private readonly keys: ReadonlyMap<string, AdminKey>,
  ) {}

  get keyed(): boolean {
    return this.keys.size > 0;
  }

  key(keyId: string): AdminKey | null {
    return this.keys.get(keyId) ?? null;
  }

  issue(keyId: string, now: number): Session {
    return { sid: randomBytes(18).toString("base64url"), keyId, iat: now, seen: now };
  }

  encode(s: Session): string {
    const payload = b64u(JSON.stringify([s.sid, s.keyId, s.iat, s.seen]));
    const mac = this.secrets.mac("console-session", s.keyId, fingerprint(this.key(s.keyId)), payload);
    return `${payload}.${b64u(mac)}`;
  }

  /** The session a cookie value carries, or null when forged, expired or for a key no longer configured. */
  decode(value: string | undefined, now: number): Session | null {
    if (!value || value.length > 512) return null;
    const dot = value.indexOf(".");
    if (dot < 0) return null;
    const payload = value.slice(0, dot);
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    } catch {
      return null;
    }
    if (!Array.isArray(parsed) || parsed.length !== 4) return null;
    const [sid, keyId, iat, seen] = parsed as unknown[];
    if (
      typeof sid !== "string" ||
      typeof keyId !== "string" ||
      typeof iat !== "number" ||
      typeof seen !== "number"
    )
      return null;
    // A keyed server accepts only sessions of a configured key; a keyless one only keyless sessions.
    const key = this.key(keyId);
    if (this.keyed ? key === null : keyId !== "") return null;
    const expected = this.secrets.mac("console-session", keyId, fingerprint(key), payload);
    const given = Buffer.from(value.slice(dot + 1), "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (now - seen > IDLE_MS || now - iat > MAX_AGE_MS || seen > now + RENEW_MS) return null;
    return { sid, keyId, iat, seen };
  }

  /** The token every form of this session carries (hidden `_csrf`). */
  csrfToken(s: Session): string {
    return b64u(this.secrets.mac("console-csrf", s.sid));
  }

  checkCsrf(s: Session, given: string | null): boolean {
    return given !== null && equalText(given, this.csrfToken(s));
  }

  /**
   * Checks an access key and secret against the configured keys in constant time: the secret is
   * compared as SHA-256 digests (equal lengths), and an unknown key id is compared against a digest
   * of nothing, so neither the secret's length nor the key id's existence shows in the time taken.
   */
  verifyKey(accessKeyId: string, secretAccessKey: string): AdminKey | null {
    const key = this.keys.get(accessKeyId) ?? null;
    const want = createHash("sha256")
      .update(key ? key.secretAccessKey : "")
      .digest();
    const got = createHash("sha256").update(secretAccessKey).digest();
    const same = timingSafeEqual(want, got);
    return key && same ? key : null;
  }
}

/** Constant-time comparison of two short texts (lengths are not secret). */
export function equalText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Whether the browser reached the console over HTTPS: a TLS-terminating proxy says so with
 * `X-Forwarded-Proto` (hushpool itself speaks HTTP). Only ever used to make the cookie stricter.
 */
export const overHttps = (req: IncomingMessage): boolean =>
  String(req.headers["x-forwarded-proto"] ?? "")
    .split(",")[0]
    ?.trim()
    .toLowerCase() === "https";

/** A Set-Cookie value: HttpOnly, SameSite=Strict, Path=/console, Secure over HTTPS. */
export function cookieHeader(req: IncomingMessage, name: string, value: string, maxAgeS: number): string {
  const secure = overHttps(req) ? "; Secure" : "";
  return `${name}=${value}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure}`;
}

/**
 * The second CSRF check, besides the token: a browser names the page that sent a form in `Origin`
 * (Chromium, Firefox and Safari send it on every cross-origin POST and on same-origin form POSTs).
 * It must be this console's own origin; without Origin, `Sec-Fetch-Site` must not say cross-site.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const site = req.headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site") return false;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false; // "null" and anything unparsable
  }
}
