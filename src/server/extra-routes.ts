import { DECOY_PURPOSE } from "../domain/codes/issue.ts";
import { readable } from "../messaging/reader.ts";
import { importUploadRoute } from "./import-route.ts";
import { listWaiting, MAX_WAIT_SECONDS, waitParam } from "./message-wait.ts";
import type { Route } from "./routes.ts";
import { resetRoute } from "./seed-routes.ts";
import { jwksRoute, openIdConfigurationRoute } from "./well-known-routes.ts";

/**
 * GET /health: liveness. The process answers HTTP; nothing else is asked, so a database outage does
 * not get the process restarted (that is what /ready tells) (docs/operating.md#health-and-readiness).
 */
const health: Route = {
  method: "GET",
  name: "/health",
  path: /^\/health$/,
  async handle() {
    return { status: 200, body: { status: "ok" } };
  },
};

/**
 * GET /ready: readiness. 200 when the store answers and has every migration of this build applied;
 * 503 otherwise (a load balancer sends no traffic then), with which check failed — never the
 * database's own error text, which may hold a host or user name (docs/operating.md#health-and-readiness).
 */
const ready: Route = {
  method: "GET",
  name: "/ready",
  path: /^\/ready$/,
  async handle(_m, _u, services) {
    let missing: number[];
    try {
      missing = await services.store.maintenance.missingMigrations();
    } catch (e) {
      services.log.warn({ err: e }, "readiness: the store did not answer");
      return { status: 503, body: { status: "unavailable", storage: "unreachable" } };
    }
    if (missing.length > 0)
      return { status: 503, body: { status: "unavailable", storage: "ok", missingMigrations: missing } };
    return { status: 200, body: { status: "ready", storage: "ok", migrations: "applied" } };
  },
};

/**
 * GET /_hushpool/messages?poolId=&username=[&wait=SECONDS]: the outbox as JSON so developers and
 * tests can read codes; with `wait`, an empty answer waits for a message (docs/seeding.md#waiting-for-a-message). A development endpoint (`dev`): it exposes codes in clear, opening the sealed content
 * (docs/security.md#secrets-at-rest) for the answer only.
 */
const messages: Route = {
  method: "GET",
  name: "/_hushpool/messages",
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
  ready,
  messages,
  resetRoute,
  jwksRoute,
  openIdConfigurationRoute,
  importUploadRoute,
];
