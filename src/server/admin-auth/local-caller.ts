import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/**
 * Is this request from the developer's own machine, and not from a web page they happen to have
 * open? Three facts, each cheap (docs/security.md#browsers-and-local-instances):
 *
 * - the peer address is loopback (127.0.0.0/8, ::1, or an IPv4-mapped 127.x);
 * - the Host header names a loopback address or `localhost`: a page on a rebound DNS name
 *   (DNS rebinding) reaches 127.0.0.1 but still sends its own name as Host;
 * - no cross-site Origin: browsers send `Origin` (and `Sec-Fetch-Site`) on cross-origin requests,
 *   the AWS SDKs, the CLI and curl send neither. An origin on localhost or a loopback address is
 *   the same site as a local server (ports do not make sites), so a local app may still call.
 */
export function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, "").toLowerCase();
  if (a === "::1" || a === "0:0:0:0:0:0:0:1") return true;
  const v4 = a.startsWith("::ffff:") ? a.slice(7) : a;
  return isIP(v4) === 4 && v4.startsWith("127.");
}

/** A host name (no port) that always means this machine. */
export function isLocalName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost") || isLoopbackAddress(h);
}

/** The host part of a Host header value (`name`, `name:port`, `[v6]:port`). */
function hostName(value: string): string {
  const v6 = /^\[([^\]]+)\]/.exec(value);
  if (v6) return v6[1] ?? "";
  return value.replace(/:\d*$/, "");
}

export const peerIsLoopback = (req: IncomingMessage): boolean =>
  isLoopbackAddress(req.socket.remoteAddress ?? "");

export function hostIsLocal(req: IncomingMessage): boolean {
  const host = req.headers.host;
  return typeof host === "string" && isLocalName(hostName(host));
}

/** True when a browser says the request comes from another site (any Origin not on this machine). */
export function isCrossSite(req: IncomingMessage): boolean {
  if (req.headers["sec-fetch-site"] === "cross-site") return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return !isLocalName(new URL(origin).hostname.replace(/^\[|\]$/g, ""));
  } catch {
    return true; // "null" (sandboxed frames, file: pages) and anything unparsable
  }
}

/** The origin to allow in CORS answers of local-only routes: a local one, echoed. */
export function localOrigin(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  return typeof origin === "string" && !isCrossSite(req) ? origin : null;
}
