import { DECOY_PURPOSE } from "../domain/codes/issue.ts";
import { readable } from "../messaging/reader.ts";
import { importUploadRoute } from "./import-route.ts";
import { listWaiting, MAX_WAIT_SECONDS, waitParam } from "./message-wait.ts";
import type { Route } from "./routes.ts";
import { resetRoute } from "./seed-routes.ts";
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
 * GET /_hushpool/messages?poolId=&username=[&wait=SECONDS]: the outbox as JSON so developers and
 * tests can read codes; with `wait`, an empty answer waits for a message (docs/seeding.md#waiting-for-a-message). A development endpoint (`dev`): it exposes codes in clear, opening the sealed content
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
    const waitMs = waitParam(url);
    if (waitMs === null)
      return { status: 400, body: { message: `wait must be 0 to ${MAX_WAIT_SECONDS} seconds` } };
    // Decoys (domain/codes/issue.ts issueDecoy) are never delivered: not messages to read.
    const list = async () =>
      (await services.store.outbox.list(poolId, username)).filter((m) => m.purpose !== DECOY_PURPOSE);
    const shown = await listWaiting(list, (ms) => services.messenger.nextArrival(ms), waitMs);
    return { status: 200, body: { Messages: shown.map((m) => readable(services.box, m)) } };
  },
};

export const extraRoutes: Route[] = [
  health,
  messages,
  resetRoute,
  jwksRoute,
  openIdConfigurationRoute,
  importUploadRoute,
];
