import type { IncomingMessage, ServerResponse } from "node:http";
import { decodeJwt } from "jose";
import { SIGN_IN_OPERATIONS } from "../metrics.ts";
import type { Services } from "../services.ts";
import { poolIdFromIssuer } from "../tokens/index.ts";

/**
 * What the dispatch learns about one request while answering it. When the answer ends (or the
 * client goes away), `trackRequest` writes the one request log line and records the request metrics
 * from it (docs/operating.md#the-request-log).
 */
export interface TrackedRequest {
  /** The API operation, or the route (`GET /health`); bounded: unknown targets are `(unknown)`. */
  operation: string;
  /** The validated input, read only for the pool and client ids it names. */
  input?: unknown;
  /** The answer, read only for a sign-in step's outcome (tokens or a challenge name). */
  result?: unknown;
  /** The error `__type` answered, or why there was no answer (`ClientAborted`). */
  errorType?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const str = (v: unknown): string | undefined => (typeof v === "string" && v.length <= 128 ? v : undefined);

/** The pool an access token names, read without verifying it (the log says what was asked). */
function poolOfToken(token: unknown): string | undefined {
  if (typeof token !== "string" || token.length > 16_384) return undefined;
  try {
    const iss = decodeJwt(token).iss;
    return typeof iss === "string" ? (poolIdFromIssuer(iss) ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

/** `tokens`, the challenge name, or the error type: the outcome of one sign-in step. */
function signInOutcome(t: TrackedRequest): string {
  if (t.errorType) return t.errorType;
  if (isRecord(t.result)) {
    if (isRecord(t.result.AuthenticationResult)) return "tokens";
    if (typeof t.result.ChallengeName === "string" && /^[A-Z_]{1,40}$/.test(t.result.ChallengeName))
      return t.result.ChallengeName;
  }
  return "other";
}

/**
 * Starts tracking a request: the returned record is filled in by the dispatch, and read once when
 * the response closes. The log line holds only what is listed here — never the body, headers,
 * query, user name, password, code, token or SECRET_HASH — so no secret can reach it.
 */
export function trackRequest(
  services: Pick<Services, "log" | "metrics">,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  operation: string,
): TrackedRequest {
  const started = process.hrtime.bigint();
  const t: TrackedRequest = { operation };
  res.once("close", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // A response that never finished was cut short: the client left, or the server closed it.
    const status = res.writableFinished ? res.statusCode : 0;
    const errorType = t.errorType ?? (status === 0 ? "ClientAborted" : "");
    const input = isRecord(t.input) ? t.input : {};
    const pool = str(input.UserPoolId) ?? poolOfToken(input.AccessToken);
    const clientId = str(input.ClientId);
    services.log.info(
      {
        requestId,
        operation: t.operation,
        ...(pool ? { pool } : {}),
        ...(clientId ? { clientId } : {}),
        status,
        ...(errorType ? { errorType } : {}),
        ms: Math.round(seconds * 1e4) / 10,
        method: req.method,
      },
      "request",
    );
    services.metrics.request(t.operation, status, errorType, seconds);
    if (SIGN_IN_OPERATIONS.has(t.operation)) services.metrics.signIn(t.operation, signInOutcome(t));
  });
  return t;
}
