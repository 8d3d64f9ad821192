import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { CognitoError, errors } from "../domain/errors/index.ts";
import { isTimeFloored } from "../domain/existence/index.ts";
import { operations } from "../operations/registry.ts";
import {
  ClientAborted,
  CORS_HEADERS,
  newRequestId,
  operationName,
  parseJsonObject,
  readBody,
  sendError,
  sendJson,
} from "../protocol/aws-json.ts";
import { MODEL_OPERATIONS } from "../protocol/model-operations.ts";
import { validate } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import type { AdminGuard } from "./admin-auth/guard.ts";
import type { Console } from "./console/index.ts";
import { isConsolePath } from "./console/index.ts";
import { devCorsHeaders, devRefusal } from "./dev-routes.ts";
import { extraRoutes } from "./extra-routes.ts";
import type { PromMetrics } from "./metrics.ts";
import { handleDomainRequest } from "./oauth/handler.ts";
import { locateDomain } from "./oauth/locate.ts";
import { trackRequest } from "./request-log.ts";
import { sendRouteResult } from "./routes.ts";
import { heldToFloor } from "./time-floor.ts";

/** What the HTTP edge enforces besides the operations themselves (docs/security.md). */
export interface EdgePolicy {
  /** Admission of the IAM-class operations: signatures, or local callers when no keys exist. */
  admin: AdminGuard;
  /** Whether the development endpoints exist (--dev-endpoints). */
  devEndpoints: boolean;
  /** The web console at /console (docs/console.md); absent with --console off. */
  console?: Console;
  /** GET /metrics, when the server runs with --metrics (./metrics.ts). */
  metrics?: PromMetrics;
}

/**
 * POST / with an X-Amz-Target: admit → validate → handle → respond; every failure is Cognito-shaped.
 * Only public operations' answers carry CORS headers.
 */
async function handleApi(req: IncomingMessage, res: ServerResponse, services: Services, edge: EdgePolicy) {
  const startedAt = performance.now();
  const requestId = newRequestId();
  const log = services.log.child({ requestId });
  const seen = trackRequest(services, req, res, requestId, "(unknown)"); // the request log (./request-log.ts)
  let cors = false;
  try {
    const name = operationName(req);
    const raw = await readBody(req, services.config.maxBodyBytes);
    const op = operations.get(name);
    if (!op) {
      // An operation of the model that hushpool lacks is named; anything else is not echoed. Browser
      // clients read the refusal of a public one, as they would read its answer.
      const modelled = Object.hasOwn(MODEL_OPERATIONS, name) ? MODEL_OPERATIONS[name] : undefined;
      cors = modelled === "public";
      throw modelled ? errors.unimplementedOperation(name) : errors.unknownOperation();
    }
    seen.operation = op.name;
    cors = op.auth === "public";
    if (op.auth === "iam") await edge.admin.admit(req, raw, op.name);
    const input = validate(op.input, parseJsonObject(raw));
    seen.input = input;
    // Request-rate quotas: refused here, before the operation reads any user (docs/security.md#quotas).
    await services.quotas.admit(name, input);
    const ctx = { requestId, log, remoteAddress: req.socket.remoteAddress ?? "" };
    const floorMs = isTimeFloored(op.name, input) ? services.config.codeFlowFloorMs : 0;
    const out =
      floorMs > 0
        ? await heldToFloor(startedAt, floorMs, () => op.handle(input, services, ctx))
        : await op.handle(input, services, ctx);
    seen.result = out;
    sendJson(res, requestId, 200, out, cors);
  } catch (e) {
    seen.errorType =
      e instanceof CognitoError
        ? e.type
        : e instanceof ClientAborted
          ? "ClientAborted"
          : "InternalErrorException";
    if (e instanceof CognitoError) {
      log.debug({ type: e.type, message: e.message }, "request refused");
      sendError(res, requestId, e, cors);
    } else if (e instanceof ClientAborted) {
      log.debug({ reason: e.message }, "request aborted by the client");
    } else {
      log.error({ err: e }, "internal error");
      sendError(res, requestId, errors.internal(), cors);
    }
  }
}

async function handleGet(req: IncomingMessage, res: ServerResponse, services: Services, edge: EdgePolicy) {
  const requestId = newRequestId();
  const url = new URL(req.url ?? "/", "http://localhost");
  const method = req.method === "POST" ? "POST" : req.method === "PUT" ? "PUT" : "GET";
  const seen = trackRequest(services, req, res, requestId, `${method} (not found)`);
  if (method === "GET" && url.pathname === "/metrics" && edge.metrics) {
    seen.operation = "GET /metrics";
    const { contentType, text } = await edge.metrics.render();
    res.writeHead(200, { "Content-Type": contentType, "x-amzn-RequestId": requestId });
    return void res.end(text);
  }
  for (const route of extraRoutes) {
    const m = route.path.exec(url.pathname);
    if (!m || route.method !== method) continue;
    if (route.dev && !edge.devEndpoints) break;
    seen.operation = `${method} ${route.name ?? route.path.source}`;
    const headers = {
      ...(route.dev ? devCorsHeaders(req) : CORS_HEADERS),
      "x-amzn-RequestId": requestId,
    };
    const refusal = route.dev ? devRefusal(req) : null;
    if (refusal) return sendRouteResult(res, 403, refusal, headers);
    try {
      const out = await route.handle(m, url, services, req);
      sendRouteResult(res, out.status, out.body, headers);
    } catch (e) {
      seen.errorType = e instanceof CognitoError ? e.type : "InternalErrorException";
      if (e instanceof CognitoError) {
        sendRouteResult(res, e.status, { __type: e.type, message: e.message }, headers);
      } else {
        services.log.error({ err: e, requestId }, "internal error");
        sendRouteResult(res, 500, { message: errors.internal().message }, headers);
      }
    }
    return;
  }
  sendRouteResult(res, 404, { message: "Not Found" }, { ...CORS_HEADERS, "x-amzn-RequestId": requestId });
}

/**
 * The server. `requestTimeout` bounds the whole request (headers and body): a client that sends its
 * body slowly is answered 408 and closed at that time, not some tens of seconds later, because the
 * connections are checked often enough for the bound to hold (docs/security.md#limits).
 */
export function createHttpServer(services: Services, edge: EdgePolicy): Server {
  const requestTimeout = services.config.requestTimeoutMs;
  const server = createServer(
    { connectionsCheckingInterval: Math.max(25, Math.min(1_000, Math.floor(requestTimeout / 10))) },
    (req, res) => {
      // A user-pool domain (by Host or /oauth/<prefix>): the OAuth endpoints and managed login (docs/oauth.md).
      const domain = locateDomain(req, services.config);
      if (domain) {
        void handleDomainRequest(req, res, services, domain);
      } else if (edge.console && isConsolePath(req.url)) {
        void edge.console.handle(req, res); // server-rendered pages over the admin operations
      } else if (req.method === "OPTIONS") {
        // A preflight names header names, never the operation (X-Amz-Target's value is not sent),
        // so every preflight gets the allow headers; IAM-class answers then lack ACAO themselves.
        res.writeHead(200, { ...CORS_HEADERS, "x-amzn-RequestId": newRequestId(), "Content-Length": 0 });
        res.end();
      } else if (req.method === "POST" && req.url?.startsWith("/_hushpool/")) {
        void handleGet(req, res, services, edge); // the development endpoints that change state (./seed-routes.ts)
      } else if (req.method === "POST") {
        void handleApi(req, res, services, edge);
      } else if (req.method === "GET" || req.method === "HEAD" || req.method === "PUT") {
        // PUT: the user import upload (./import-route.ts).
        void handleGet(req, res, services, edge);
      } else {
        sendError(res, newRequestId(), errors.unknownOperation(405));
      }
    },
  );
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = Math.min(requestTimeout, 60_000);
  server.requestTimeout = requestTimeout;
  return server;
}
