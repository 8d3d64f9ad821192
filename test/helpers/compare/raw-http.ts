import { Agent, request } from "node:http";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";

/**
 * The comparison suite's wire client: one AWS JSON 1.1 POST over node:http, keeping what the SDK
 * hides — the status, every response header name and value in the order the server wrote them
 * (`rawHeaders`), and the body as bytes. Admin operations are signed with SigV4 from the same
 * credentials as the test server's SDK client, so the suite keeps working when the admin plane
 * requires a signature (docs/wire-protocol.md).
 */
export interface RawAnswer {
  status: number;
  /** [name, value] in wire order. */
  headers: [string, string][];
  body: string;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const TARGET = "AWSCognitoIdentityProviderService";

export interface RawClient {
  post(operation: string, body: unknown): Promise<RawAnswer>;
  close(): void;
}

export function rawClient(baseUrl: string, credentials: () => Promise<Credentials>): RawClient {
  const url = new URL(baseUrl);
  // One keep-alive agent for both names: the connection headers must not differ between them.
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const signer = new SignatureV4({
    service: "cognito-idp",
    region: "us-east-1",
    credentials,
    sha256: Hash.bind(null, "sha256"),
  });

  async function headersFor(operation: string, payload: string): Promise<Record<string, string>> {
    const headers: Record<string, string> = {
      host: url.host,
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `${TARGET}.${operation}`,
    };
    if (!operation.startsWith("Admin")) return headers;
    const signed = await signer.sign({
      method: "POST",
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: "/",
      query: {},
      headers,
      body: payload,
    });
    return signed.headers;
  }

  async function post(operation: string, body: unknown): Promise<RawAnswer> {
    const payload = JSON.stringify(body);
    const headers = await headersFor(operation, payload);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: "POST",
          path: "/",
          headers: { ...headers, "content-length": Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const pairs: [string, string][] = [];
            for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
              pairs.push([res.rawHeaders[i] ?? "", res.rawHeaders[i + 1] ?? ""]);
            }
            resolve({
              status: res.statusCode ?? 0,
              headers: pairs,
              body: Buffer.concat(chunks).toString("utf8"),
            });
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  return { post, close: () => agent.destroy() };
}

/** The body of an answer as JSON (the suite's request builders read challenge parameters from it). */
export function jsonOf(a: RawAnswer): Record<string, unknown> {
  try {
    const v = JSON.parse(a.body) as unknown;
    return v !== null && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
