import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { CognitoError, errors } from "../domain/errors/index.ts";
import { operations } from "../operations/registry.ts";
import {
  CORS_HEADERS,
  newRequestId,
  operationName,
  parseJsonObject,
  readBody,
  sendError,
  sendJson,
} from "../protocol/aws-json.ts";
import { validate } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { extraRoutes } from "./extra-routes.ts";
import { sendRouteResult } from "./routes.ts";

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** POST / with an X-Amz-Target: validate → handle → respond; every failure is Cognito-shaped. */
async function handleApi(req: IncomingMessage, res: ServerResponse, services: Services, requestId: string) {
  const log = services.log.child({ requestId });
  try {
    const name = operationName(req);
    const body = parseJsonObject(await readBody(req, services.config.maxBodyBytes));
    const op = operations.get(name);
    if (!op) throw errors.unknownOperation();
    const input = validate(op.input, body);
    // Request-rate quotas: refused here, before the operation reads any user (docs/security.md#quotas).
    await services.quotas.admit(name, input);
    const out = await op.handle(input, services, {
      requestId,
      log,
      remoteAddress: req.socket.remoteAddress ?? "",
    });
    sendJson(res, requestId, 200, out);
  } catch (e) {
    if (e instanceof CognitoError) {
      log.debug({ type: e.type, message: e.message }, "request refused");
      sendError(res, requestId, e);
    } else {
      log.error({ err: e }, "internal error");
      sendError(res, requestId, errors.internal());
    }
  }
}

async function handleGet(req: IncomingMessage, res: ServerResponse, services: Services, requestId: string) {
  const headers = { ...CORS_HEADERS, "x-amzn-RequestId": requestId };
  const url = new URL(req.url ?? "/", "http://localhost");
  for (const route of extraRoutes) {
    const m = route.path.exec(url.pathname);
    if (!m) continue;
    if (route.localOnly && !LOOPBACK.test(req.socket.remoteAddress ?? "")) break;
    try {
      const out = await route.handle(m, url, services, req);
      sendRouteResult(res, out.status, out.body, headers);
    } catch (e) {
      if (e instanceof CognitoError) {
        sendRouteResult(res, e.status, { __type: e.type, message: e.message }, headers);
      } else {
        services.log.error({ err: e, requestId }, "internal error");
        sendRouteResult(res, 500, { message: errors.internal().message }, headers);
      }
    }
    return;
  }
  sendRouteResult(res, 404, { message: "Not Found" }, headers);
}

export function createHttpServer(services: Services): Server {
  const server = createServer((req, res) => {
    const requestId = newRequestId();
    if (req.method === "OPTIONS") {
      res.writeHead(200, { ...CORS_HEADERS, "x-amzn-RequestId": requestId, "Content-Length": 0 });
      res.end();
    } else if (req.method === "POST") {
      void handleApi(req, res, services, requestId);
    } else if (req.method === "GET" || req.method === "HEAD") {
      void handleGet(req, res, services, requestId);
    } else {
      sendError(res, requestId, errors.unknownOperation(405));
    }
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;
  return server;
}
