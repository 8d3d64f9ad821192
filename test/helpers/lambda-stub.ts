import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny stand-in for the AWS Lambda Invoke API (`POST /2015-03-31/functions/:name/invocations`) for
 * tests: functions are JS handlers registered with `on`, every event received is recorded, and a
 * handler can produce a function error (throw), non-JSON output (`return rawOutput("…")`) or any
 * service answer (`rawOutput(body, { status, headers })`). Unregistered names get Lambda's 404.
 *
 *   const stub = await startLambdaStub();
 *   stub.on<UserMigrationEvent>("migrate", async (event) => ({ ...event, response: {} }));
 *   … --lambda-endpoint stub.url …
 *   await stub.close();
 */
export type StubHandler<E> = (event: E, call: { name: string; qualifier?: string }) => unknown;

export interface StubInvocation {
  name: string;
  qualifier?: string;
  event: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** Returned by a handler to send this exact body (and status/headers) instead of JSON. */
export class RawOutput {
  constructor(
    readonly body: string,
    readonly status = 200,
    readonly headers: Record<string, string> = {},
  ) {}
}

export const rawOutput = (body: string, init: { status?: number; headers?: Record<string, string> } = {}) =>
  new RawOutput(body, init.status ?? 200, init.headers ?? {});

/** Thrown by a handler to control `errorType` and the `X-Amz-Function-Error` kind. */
export class StubFunctionError extends Error {
  constructor(
    message: string,
    readonly errorType = "Error",
    readonly kind: "Unhandled" | "Handled" = "Unhandled",
  ) {
    super(message);
  }
}

export interface LambdaStub {
  /** Base URL for --lambda-endpoint, e.g. http://127.0.0.1:41234 */
  url: string;
  on<E = Record<string, unknown>>(name: string, handler: StubHandler<E>): LambdaStub;
  off(name: string): void;
  /** Every call received, in order, including calls to unknown functions. */
  invocations: StubInvocation[];
  eventsFor(name: string): unknown[];
  clear(): void;
  close(): Promise<void>;
}

const ROUTE = /^\/2015-03-31\/functions\/([^/?]+)\/invocations(?:\?(.*))?$/;

export async function startLambdaStub(): Promise<LambdaStub> {
  const handlers = new Map<string, StubHandler<never>>();
  const invocations: StubInvocation[] = [];

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) =>
      send(res, 500, { "content-type": "text/plain" }, String(err)),
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = ROUTE.exec(req.url ?? "");
    if (req.method !== "POST" || !m) {
      return send(res, 404, { "x-amzn-errortype": "PathNotFoundLocally" }, json({ message: "not found" }));
    }
    const name = lastArnSegment(decodeURIComponent(m[1] ?? ""));
    const qualifier = new URLSearchParams(m[2] ?? "").get("Qualifier") ?? undefined;
    const text = await readBody(req);
    const event = text === "" ? null : (JSON.parse(text) as unknown);
    invocations.push({ name, ...(qualifier ? { qualifier } : {}), event, headers: req.headers });
    const handler = handlers.get(name);
    if (!handler) {
      const arn = `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
      return send(
        res,
        404,
        { "x-amzn-errortype": "ResourceNotFoundException" },
        json({ Type: "User", Message: `Function not found: ${arn}` }),
      );
    }
    try {
      const result = await handler(event as never, { name, ...(qualifier ? { qualifier } : {}) });
      if (result instanceof RawOutput) return send(res, result.status, result.headers, result.body);
      return send(res, 200, { "content-type": "application/json" }, JSON.stringify(result ?? null));
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      const kind = e instanceof StubFunctionError ? e.kind : "Unhandled";
      const errorType = e instanceof StubFunctionError ? e.errorType : e.name;
      return send(
        res,
        200,
        { "x-amz-function-error": kind },
        json({ errorMessage: e.message, errorType, trace: [] }),
      );
    }
  }

  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;

  const stub: LambdaStub = {
    url: `http://127.0.0.1:${port}`,
    on(name, handler) {
      handlers.set(name, handler as StubHandler<never>);
      return stub;
    },
    off: (name) => void handlers.delete(name),
    invocations,
    eventsFor: (name) => invocations.filter((i) => i.name === name).map((i) => i.event),
    clear: () => void invocations.splice(0),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
  return stub;
}

function lastArnSegment(nameOrArn: string): string {
  const m = /:function:([^:]+)/.exec(nameOrArn);
  return m?.[1] ?? nameOrArn;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => ok(Buffer.concat(chunks).toString("utf8")));
    req.on("error", fail);
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, headers);
  res.end(body);
}

const json = (v: unknown) => JSON.stringify(v);
