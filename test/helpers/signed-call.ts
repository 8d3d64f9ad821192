import { request } from "node:http";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";

/**
 * Raw AWS JSON 1.1 calls over node:http, which (unlike fetch) lets a test set Host and Origin,
 * optionally signed with Signature Version 4 at a chosen date, for the admin-plane tests.
 */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown>;
}

export interface RawCallOptions {
  /** Extra or replacing headers (Host, Origin, Authorization, …). */
  headers?: Record<string, string>;
  /** Sign with this key (service cognito-idp). */
  key?: { accessKeyId: string; secretAccessKey: string };
  region?: string;
  signingDate?: Date;
  /** Send this body instead of the signed one (a replayed signature). */
  sendBody?: string;
  method?: string;
  path?: string;
}

export async function callRaw(
  baseUrl: string,
  target: string,
  body: object | string,
  opts: RawCallOptions = {},
): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  const text = typeof body === "string" ? body : JSON.stringify(body);
  let headers: Record<string, string> = {
    host: url.host,
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": `AWSCognitoIdentityProviderService.${target}`,
    ...opts.headers,
  };
  if (opts.key) {
    const signer = new SignatureV4({
      service: "cognito-idp",
      region: opts.region ?? "us-east-1",
      credentials: opts.key,
      sha256: Hash.bind(null, "sha256"),
    });
    const signed = await signer.sign(
      {
        method: "POST",
        protocol: "http:",
        hostname: url.hostname,
        path: "/",
        query: {},
        headers,
        body: text,
      },
      { signingDate: opts.signingDate ?? new Date() },
    );
    headers = signed.headers;
  }
  return send(url, opts.method ?? "POST", opts.path ?? "/", headers, opts.sendBody ?? text);
}

/** One request with exactly these headers; the answer's JSON body (or `{ raw }`). */
export function send(
  url: URL,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = "",
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let data = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          data += c;
        });
        res.on("end", () => {
          let json: Record<string, unknown>;
          try {
            json = data ? (JSON.parse(data) as Record<string, unknown>) : {};
          } catch {
            json = { raw: data };
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
