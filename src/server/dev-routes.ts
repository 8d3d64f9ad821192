import type { IncomingMessage } from "node:http";
import type { Config } from "../config/config.ts";
import { hostIsLocal, isCrossSite, isLocalName, localOrigin } from "./admin-auth/local-caller.ts";

/**
 * The development endpoints (`/_hushpool/…`: the message reader, later resets and seeds) show codes
 * and temporary passwords in clear. They exist only with `--dev-endpoints` (by default, only when
 * the server listens on a loopback address), and answer only requests whose Host names this machine
 * and that carry no cross-site Origin: a web page the developer opens can neither read them
 * cross-origin nor reach them through a rebound DNS name (docs/security.md#development-endpoints).
 */
export function devEndpointsEnabled(config: Pick<Config, "devEndpoints" | "host">): boolean {
  if (config.devEndpoints === "auto") return isLocalName(config.host);
  return config.devEndpoints === "on";
}

export const DEV_REFUSAL = {
  message:
    "Forbidden: development endpoints answer only requests addressed to localhost or a loopback address, without a cross-site Origin.",
};

/** Null when a development endpoint may answer this request, else the 403 body. */
export function devRefusal(req: IncomingMessage): typeof DEV_REFUSAL | null {
  return hostIsLocal(req) && !isCrossSite(req) ? null : DEV_REFUSAL;
}

/** CORS for a development endpoint: only a local origin, echoed (never `*`). */
export function devCorsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = localOrigin(req);
  return origin ? { "Access-Control-Allow-Origin": origin, Vary: "Origin" } : { Vary: "Origin" };
}
