import type { IncomingMessage, ServerResponse } from "node:http";
import type { Services } from "../services.ts";

/**
 * Non-API HTTP routes: discovery documents, health (GET), the development endpoints (GET, and POST
 * for the few that change state, such as /_hushpool/reset). Each
 * module that owns such a route adds it to `extraRoutes` in ./extra-routes.ts.
 */
export interface Route {
  method: "GET" | "POST" | "PUT";
  /**
   * The route in the request log and metrics (`GET <name>`, e.g. `/health`): a fixed text, never the
   * URL itself (it may hold ids). Without it, the path pattern's source is used.
   */
  name?: string;
  /** Matched against the URL path; capture groups are passed to the handler. */
  path: RegExp;
  /**
   * A development endpoint (codes in clear, resets, seeds): served only with --dev-endpoints, and
   * only to local callers (./dev-routes.ts, docs/security.md#development-endpoints).
   */
  dev?: true;
  handle(
    match: RegExpExecArray,
    url: URL,
    services: Services,
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown }>;
}

export function sendRouteResult(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}
