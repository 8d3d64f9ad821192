import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { errors } from "../../domain/errors/index.ts";
import type { AdminKey } from "./keys.ts";

/**
 * Signature Version 4 verification by re-signing: the request is rebuilt from exactly the headers
 * its `SignedHeaders` names, signed again with the key's secret by @smithy/signature-v4 (the signer
 * the AWS SDK v3 itself uses) at the request's own X-Amz-Date, and the two signatures are compared
 * in constant time. AWS's description of the algorithm:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
export const SERVICE = "cognito-idp";
const ALGORITHM = "AWS4-HMAC-SHA256";
/** AWS accepts a signature whose X-Amz-Date is within 15 minutes of its clock, either way. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export interface SignedRequestParts {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

interface Authorization {
  accessKeyId: string;
  scope: string[];
  signedHeaders: string[];
  signature: string;
  date: Date;
}

/** The key that signed the request; otherwise throws AWS's answer for what is wrong. */
export async function verifySignature(
  req: SignedRequestParts,
  body: Buffer,
  keys: ReadonlyMap<string, AdminKey>,
  region: string,
  now: number,
): Promise<AdminKey> {
  const auth = parseAuthorization(req.headers);
  const key = keys.get(auth.accessKeyId);
  if (!key) throw errors.unrecognizedClient();
  const [, day, scopeRegion, service, terminator] = auth.scope;
  if (scopeRegion !== region) throw errors.credentialRegion(scopeRegion ?? "");
  if (service !== SERVICE) throw errors.credentialService(SERVICE);
  if (terminator !== "aws4_request" || auth.scope.length !== 5 || day !== stamp(auth.date).slice(0, 8))
    throw errors.signatureMismatch();
  checkClock(auth.date, now);
  // The payload hash a client sends must be the body's: otherwise a captured signature would carry
  // any body for 15 minutes. UNSIGNED-PAYLOAD is an S3 feature and is refused the same way.
  const bodyHash = createHash("sha256").update(body).digest("hex");
  const declared = req.headers["x-amz-content-sha256"];
  if (declared !== undefined && declared !== bodyHash) throw errors.signatureMismatch();
  // Host must be signed, so that a signature for one server is not good for another.
  if (!auth.signedHeaders.includes("host")) throw errors.signatureMismatch();
  const expected = await resign(req, body, key, region, auth);
  if (!expected || !sameHex(expected, auth.signature)) throw errors.signatureMismatch();
  return key;
}

function parseAuthorization(headers: IncomingHttpHeaders): Authorization {
  const value = headers.authorization;
  if (value === undefined || value === "") throw errors.missingAuthenticationToken();
  const space = value.indexOf(" ");
  const algorithm = space < 0 ? value : value.slice(0, space);
  const params = new Map<string, string>();
  if (algorithm === ALGORITHM) {
    for (const part of value.slice(space + 1).split(",")) {
      const eq = part.indexOf("=");
      if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }
  const date = parseAmzDate(headers["x-amz-date"]);
  const missing = ["Credential", "Signature", "SignedHeaders"].filter((p) => !params.get(p));
  if (!date) missing.push("X-Amz-Date");
  const credential = params.get("Credential");
  const signature = params.get("Signature");
  const signedHeaders = params.get("SignedHeaders");
  if (missing.length > 0 || !date || !credential || !signature || !signedHeaders)
    throw errors.incompleteSignature(missing, value);
  const scope = credential.split("/");
  return {
    accessKeyId: scope[0] ?? "",
    scope,
    signedHeaders: signedHeaders.split(";").map((h) => h.trim().toLowerCase()),
    signature,
    date,
  };
}

/** `YYYYMMDDTHHMMSSZ`, the only form the SDKs send. */
function parseAmzDate(value: string | string[] | undefined): Date | null {
  const m = typeof value === "string" ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return stamp(date) === value ? date : null;
}

/** A time as `YYYYMMDDTHHMMSSZ`, as AWS's skew messages print it. */
export const stamp = (t: Date | number): string =>
  new Date(t)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");

function checkClock(date: Date, now: number): void {
  const t = date.getTime();
  if (t < now - MAX_SKEW_MS) throw errors.signatureExpired(stamp(t), stamp(now - MAX_SKEW_MS), stamp(now));
  if (t > now + MAX_SKEW_MS)
    throw errors.signatureNotYetCurrent(stamp(t), stamp(now + MAX_SKEW_MS), stamp(now));
}

/** The signature the key would have made for this request, or null if a signed header is absent. */
async function resign(
  req: SignedRequestParts,
  body: Buffer,
  key: AdminKey,
  region: string,
  auth: Authorization,
): Promise<string | null> {
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const v = req.headers[name];
    if (v === undefined) return null;
    headers[name] = Array.isArray(v) ? v.join(",") : v;
  }
  const url = new URL(req.url, "http://localhost");
  const query: Record<string, string | string[]> = {};
  for (const k of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(k);
    query[k] = all.length === 1 ? (all[0] ?? "") : all;
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  const signer = new SignatureV4({
    service: SERVICE,
    region,
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    sha256: Hash.bind(null, "sha256"),
    // Add no x-amz-content-sha256 of our own: the canonical headers must be the client's.
    applyChecksum: false,
  });
  const signed = await signer.sign(
    { method: req.method, protocol: "http:", hostname: url.hostname, path, query, headers, body },
    { signingDate: auth.date, signableHeaders: new Set(auth.signedHeaders) },
  );
  const out = signed.headers.authorization ?? "";
  return /Signature=([0-9a-f]{64})$/.exec(out)?.[1] ?? null;
}

function sameHex(expected: string, given: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(given, "hex"));
}
