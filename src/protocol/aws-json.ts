import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type CognitoError, errors } from "../domain/errors/index.ts";

/**
 * The only code that knows AWS JSON 1.1: the X-Amz-Target header, the JSON body, and the error
 * format `{"__type","message"}` with the x-amzn-* headers that the SDKs, amazon-cognito-identity-js
 * and Amplify each read (docs/wire-protocol.md).
 */
export const TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
export const CONTENT_TYPE = "application/x-amz-json-1.1";

/**
 * CORS for browser clients (amazon-cognito-identity-js uses fetch in cors mode). Sent with the
 * answers of the public operations and of preflights only: an IAM-class operation's answer carries
 * no Access-Control-Allow-Origin, so no web page can read it (docs/security.md#browsers-and-local-instances).
 */
export const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, GET, OPTIONS",
  "Access-Control-Allow-Headers":
    "Content-Type, X-Amz-Target, X-Amz-User-Agent, X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-Sha256, Authorization, Cache-Control, amz-sdk-invocation-id, amz-sdk-request",
  "Access-Control-Expose-Headers": "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date",
  "Access-Control-Max-Age": "86400",
};

export function newRequestId(): string {
  return randomUUID();
}

/**
 * The connection closed before the body arrived: the client went away, or the request timeout
 * closed it (answered 408 by node:http). Not an error of ours and nothing left to answer: logged at
 * debug, without a stack.
 */
export class ClientAborted extends Error {}

/** Reads the body up to `limit` bytes; a larger body is refused without buffering it. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const aborted = () => reject(new ClientAborted("the connection closed before the body arrived"));
    req.on("close", () => {
      if (!req.complete) aborted();
    });
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > limit) {
      reject(errors.bodyTooLarge());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(errors.bodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", aborted);
  });
}

/** The operation named by X-Amz-Target, or an UnknownOperationException. */
export function operationName(req: IncomingMessage): string {
  const target = req.headers["x-amz-target"];
  if (typeof target !== "string" || !target.startsWith(TARGET_PREFIX)) throw errors.unknownOperation();
  return target.slice(TARGET_PREFIX.length);
}

/** Parses a JSON object body; anything else is a SerializationException (as AWS answers). */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let v: unknown;
  try {
    v = JSON.parse(body.toString("utf8"));
  } catch {
    throw errors.notAnObject();
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    throw errors.notAnObject();
  }
  return v as Record<string, unknown>;
}

/** `cors`: the answer may be read by any web page (public operations only). */
function baseHeaders(requestId: string, cors: boolean): Record<string, string> {
  return { ...(cors ? CORS_HEADERS : {}), "Content-Type": CONTENT_TYPE, "x-amzn-RequestId": requestId };
}

export function sendJson(
  res: ServerResponse,
  requestId: string,
  status: number,
  body: unknown,
  cors = false,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...baseHeaders(requestId, cors), "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

/** Header values must be Latin-1 without control characters; messages are ASCII in practice. */
const headerSafe = (s: string): string => capped(s.replace(/[^\x20-\x7e]/g, "?"));

/**
 * Validation messages echo the offending value; an over-long value must not turn into a header that
 * clients refuse (undici's limit is 16 KiB for all headers). The body keeps the full message.
 */
const MAX_HEADER_MESSAGE = 1024;
const capped = (s: string): string =>
  s.length > MAX_HEADER_MESSAGE ? `${s.slice(0, MAX_HEADER_MESSAGE - 3)}...` : s;

export function sendError(res: ServerResponse, requestId: string, err: CognitoError, cors = false): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify({ __type: err.type, message: err.message });
  res.writeHead(err.status, {
    ...baseHeaders(requestId, cors),
    "x-amzn-ErrorType": `${err.type}:`,
    "x-amzn-ErrorMessage": headerSafe(err.message),
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}
