import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody } from "../../protocol/aws-json.ts";

/** Forms, cookies and answers of the domain's routes (docs/oauth.md). */

/** An `application/x-www-form-urlencoded` body as a map; a repeated name keeps its first value. */
export async function readForm(req: IncomingMessage, limit: number): Promise<Record<string, string>> {
  const raw = await readBody(req, limit);
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw.toString("utf8"))) if (!(k in out)) out[k] = v;
  return out;
}

export function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (!(name in out)) out[name] = part.slice(i + 1).trim();
  }
  return out;
}

/**
 * A cookie of the domain: HttpOnly, Secure, SameSite=Lax, scoped to the domain's mount. Browsers
 * keep Secure cookies of http://localhost and *.localhost, which are secure contexts.
 */
export function cookie(name: string, value: string, mount: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=${mount || "/"}; HttpOnly; Secure; SameSite=Lax; Max-Age=${maxAgeSeconds}`;
}

export const newCookieValue = (): string => randomBytes(24).toString("base64url");

const SECURITY_HEADERS = {
  "Cache-Control": "no-store",
  Pragma: "no-cache",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self' *; frame-ancestors 'none'",
};

export function sendHtml(res: ServerResponse, status: number, html: string, setCookies: string[] = []): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(html),
    ...(setCookies.length > 0 ? { "Set-Cookie": setCookies } : {}),
  });
  res.end(html);
}

/** JSON of the OAuth endpoints: Cognito's `application/json;charset=UTF-8`, readable cross-origin (browser apps call the token endpoint). */
export function sendOAuthJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    "Cache-Control": "no-store",
    Pragma: "no-cache",
    "Access-Control-Allow-Origin": "*",
    "Content-Type": "application/json;charset=UTF-8",
    "Content-Length": Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
}

export function redirect(res: ServerResponse, location: string, setCookies: string[] = []): void {
  res.writeHead(302, {
    ...SECURITY_HEADERS,
    Location: location,
    "Content-Length": 0,
    ...(setCookies.length > 0 ? { "Set-Cookie": setCookies } : {}),
  });
  res.end();
}

/** `Authorization: Basic base64(id:secret)` (RFC 6749 §2.3.1), or undefined. */
export function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined | "bad" {
  const h = req.headers.authorization;
  if (!h?.toLowerCase().startsWith("basic ")) return undefined;
  const plain = Buffer.from(h.slice(6).trim(), "base64").toString("utf8");
  const i = plain.indexOf(":");
  if (i < 0) return "bad";
  const dec = (s: string) => {
    try {
      // Percent-decoded as RFC 6749 asks; a raw `+` (Cognito secrets may hold one) is kept as it is.
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return { id: dec(plain.slice(0, i)), secret: dec(plain.slice(i + 1)) };
}

export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h?.toLowerCase().startsWith("bearer ")) return undefined;
  return h.slice(7).trim() || undefined;
}
