/**
 * A minimal AWS JSON 1.1 client for benchmarks over loopback. The AWS SDK adds middleware, retries,
 * signing and allocation noise of its own; this client adds only node:http on a keep-alive Agent, so
 * client-side cost stays small and steady and the measured difference is the server's.
 */
import { Agent, type IncomingHttpHeaders, request } from "node:http";

/** Cognito's JSON 1.1 target prefix (the `X-Amz-Target` header is `<prefix>.<Operation>`). */
const TARGET_PREFIX = "AWSCognitoIdentityProviderService";

export interface CallResult {
  status: number;
  /** Parsed JSON, or the raw text when the body is not JSON, or undefined when it is empty. */
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface Client {
  call(baseUrl: string, operation: string, body: unknown): Promise<CallResult>;
  /** Closes idle keep-alive sockets so the process can exit. */
  close(): void;
}

export interface ClientOptions {
  /** Most sockets per origin (default 64); requests beyond that queue in the Agent. */
  maxSockets?: number;
}

function parseBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function createClient(options: ClientOptions = {}): Client {
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 });
  const origins = new Map<string, URL>();
  const originOf = (baseUrl: string): URL => {
    let url = origins.get(baseUrl);
    if (!url) {
      url = new URL(baseUrl);
      origins.set(baseUrl, url);
    }
    return url;
  };

  function call(baseUrl: string, operation: string, body: unknown): Promise<CallResult> {
    const url = originOf(baseUrl);
    const payload = Buffer.from(JSON.stringify(body ?? {}));
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: "POST",
          path: "/",
          headers: {
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": `${TARGET_PREFIX}.${operation}`,
            "Content-Length": payload.length,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            resolve({ status: res.statusCode ?? 0, body: parseBody(text), headers: res.headers });
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  return { call, close: () => agent.destroy() };
}

let shared: Client | undefined;

/** `call` on a process-wide default client (keep-alive, 64 sockets per origin). */
export function call(baseUrl: string, operation: string, body: unknown): Promise<CallResult> {
  shared ??= createClient();
  return shared.call(baseUrl, operation, body);
}

/** Closes the default client's sockets (call at the end of a bench so the process exits promptly). */
export function closeDefaultClient(): void {
  shared?.close();
  shared = undefined;
}
