import { DECOY_PURPOSE } from "../domain/codes/issue.ts";
import { readable } from "../messaging/reader.ts";
import type { Route } from "./routes.ts";
import { jwksRoute, openIdConfigurationRoute } from "./well-known-routes.ts";

/** GET /health: liveness for load balancers; touches the store so a dead database shows. */
const health: Route = {
  method: "GET",
  path: /^\/health$/,
  async handle(_m, _u, services) {
    await services.store.keys.get("seed");
    return { status: 200, body: { status: "ok" } };
  },
};

/**
 * GET /_hushpool/messages?poolId=&username=: the outbox as JSON so developers and tests can read
 * codes. A development endpoint (`dev`): it exposes codes in clear, opening the sealed content
 * (docs/security.md#secrets-at-rest) for the answer only.
 */
const messages: Route = {
  method: "GET",
  path: /^\/_hushpool\/messages$/,
  dev: true,
  async handle(_m, url, services) {
    const poolId = url.searchParams.get("poolId");
    if (!poolId) return { status: 400, body: { message: "poolId is required" } };
    const username = url.searchParams.get("username") ?? undefined;
    const list = await services.store.outbox.list(poolId, username);
    // Decoys (domain/codes/issue.ts issueDecoy) are never delivered: not messages to read.
    const shown = list.filter((m) => m.purpose !== DECOY_PURPOSE);
    return { status: 200, body: { Messages: shown.map((m) => readable(services.box, m)) } };
  },
};

export const extraRoutes: Route[] = [health, messages, jwksRoute, openIdConfigurationRoute];
