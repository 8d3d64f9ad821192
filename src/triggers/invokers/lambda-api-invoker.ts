import type { FunctionRef, InvokeOutcome, Invoker } from "./invoker.ts";
import { parseFunctionRef, TIMEOUT_CODE } from "./invoker.ts";

/**
 * Calls functions through the AWS Lambda Invoke API (`POST /2015-03-31/functions/<name>/invocations`),
 * which `sam local start-lambda`, serverless-offline and LocalStack serve.
 *
 * The path carries the bare function name (SAM and serverless-offline know functions by name only)
 * and an ARN's alias goes into `?Qualifier=`. A placeholder SigV4 Authorization header carries the
 * ARN's region, which LocalStack reads to route the call; none of these emulators checks signatures,
 * and no credentials are involved.
 */
export class LambdaApiInvoker implements Invoker {
  private readonly base: string;

  constructor(
    endpointUrl: string,
    private readonly defaultRegion = "us-east-1",
  ) {
    this.base = endpointUrl.replace(/\/+$/, "");
  }

  async invoke(functionArn: string, payload: unknown, timeoutMs: number): Promise<InvokeOutcome> {
    const ref = parseFunctionRef(functionArn);
    let res: Response;
    let body: string;
    try {
      res = await fetch(this.url(ref), {
        method: "POST",
        headers: this.headers(ref),
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = await res.text();
    } catch (err) {
      return transportFailure(err, this.base);
    }
    if (res.ok) return readPayload(res, body);
    return readServiceError(res, body);
  }

  private url(ref: FunctionRef): string {
    const q = ref.qualifier ? `?Qualifier=${encodeURIComponent(ref.qualifier)}` : "";
    return `${this.base}/2015-03-31/functions/${encodeURIComponent(ref.name)}/invocations${q}`;
  }

  private headers(ref: FunctionRef): Record<string, string> {
    const region = ref.region ?? this.defaultRegion;
    return {
      "content-type": "application/json",
      "x-amz-invocation-type": "RequestResponse",
      authorization: `AWS4-HMAC-SHA256 Credential=hushpool/20150331/${region}/lambda/aws4_request, SignedHeaders=host, Signature=0`,
    };
  }
}

/** HTTP 200: either the function's return value or, with X-Amz-Function-Error, its error. */
function readPayload(res: Response, body: string): InvokeOutcome {
  if (res.headers.get("x-amz-function-error")) {
    const parsed = tryJson(body);
    const obj =
      typeof parsed.value === "object" && parsed.value !== null
        ? (parsed.value as Record<string, unknown>)
        : {};
    return {
      kind: "functionError",
      errorMessage: typeof obj.errorMessage === "string" ? obj.errorMessage : parsed.ok ? "" : body,
      errorType: typeof obj.errorType === "string" ? obj.errorType : "Error",
    };
  }
  const parsed = tryJson(body);
  return parsed.ok ? { kind: "returned", value: parsed.value } : { kind: "nonJson", body };
}

/**
 * Non-2xx: the Lambda service refused (404 ResourceNotFoundException, 429 TooManyRequestsException,
 * 5xx ServiceException …). The code comes from `x-amzn-ErrorType` like the AWS SDKs read it; SAM's
 * short names (`ResourceNotFound`) get Lambda's `Exception` suffix.
 */
function readServiceError(res: Response, body: string): InvokeOutcome {
  const parsed = tryJson(body);
  const obj =
    typeof parsed.value === "object" && parsed.value !== null
      ? (parsed.value as Record<string, unknown>)
      : {};
  const fromHeader = res.headers.get("x-amzn-errortype")?.split(":")[0];
  const fromBody = [obj.__type, obj.code]
    .find((v): v is string => typeof v === "string")
    ?.split("#")
    .pop();
  let code = fromHeader || fromBody || fallbackCode(res.status);
  if (!code.endsWith("Exception")) code = `${code}Exception`;
  const message =
    [obj.message, obj.Message].find((v): v is string => typeof v === "string") ?? body.slice(0, 200);
  return {
    kind: "invocationFailed",
    code,
    detail: `HTTP ${res.status} from the Lambda endpoint: ${message}`,
    retryable: res.status === 429 || res.status >= 500,
  };
}

function fallbackCode(status: number): string {
  if (status === 404) return "ResourceNotFoundException";
  if (status === 429) return "TooManyRequestsException";
  if (status >= 500) return "ServiceException";
  return "InvalidRequestContentException";
}

function transportFailure(err: unknown, base: string): InvokeOutcome {
  const name = err instanceof Error ? err.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return {
      kind: "invocationFailed",
      code: TIMEOUT_CODE,
      detail: `no answer from ${base} in time`,
      retryable: true,
    };
  }
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
  // The endpoint being down has no Cognito counterpart; report the Lambda service's generic failure
  // and put the real reason in the log.
  return {
    kind: "invocationFailed",
    code: "ServiceException",
    detail: `cannot reach ${base}: ${cause}`,
    retryable: true,
  };
}

function tryJson(text: string): { ok: boolean; value: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}
