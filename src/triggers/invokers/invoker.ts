/**
 * How a trigger function is reached. An invoker reports what happened without judging it; the
 * TriggerRunner turns outcomes into Cognito's errors (docs/errors.md, docs/triggers.md#the-event-contract).
 */
export type InvokeOutcome =
  /** The function returned; `value` is the parsed JSON (any JSON, including null, "" and {}). */
  | { kind: "returned"; value: unknown }
  /** The function threw or reported an error (Lambda's `X-Amz-Function-Error`). */
  | { kind: "functionError"; errorMessage: string; errorType: string }
  /**
   * The function could not be run: not found, endpoint unreachable, timed out, throttled. `code` is
   * what goes into `<Trigger> invocation failed due to error <code>.`; `detail` goes to the log only.
   * `retryable` failures are retried, as Cognito retries a call that "can be retried" (docs/triggers.md#the-event-contract).
   */
  | { kind: "invocationFailed"; code: string; detail: string; retryable: boolean }
  /** The function's output is not JSON. */
  | { kind: "nonJson"; body: string };

export interface Invoker {
  invoke(functionArn: string, payload: unknown, timeoutMs: number): Promise<InvokeOutcome>;
}

/**
 * The code Cognito reports when a function does not answer in time, as seen in real errors such as
 * `PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.`
 */
export const TIMEOUT_CODE = "Socket timeout while invoking Lambda function";

export interface FunctionRef {
  name: string;
  /** Version or alias from `…:function:<name>:<qualifier>`. */
  qualifier?: string;
  region?: string;
  accountId?: string;
}

const ARN =
  /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9$_-]+))?$/;

/** `arn:aws:lambda:<region>:<account>:function:<name>[:alias]`, or a bare function name. */
export function parseFunctionRef(functionArn: string): FunctionRef {
  const m = ARN.exec(functionArn);
  if (!m) return { name: functionArn };
  const [, region, accountId, name = functionArn, qualifier] = m;
  return { name, region, accountId, ...(qualifier ? { qualifier } : {}) };
}

/** An invoker for a server started without --lambda-endpoint or --functions. */
export class NoInvoker implements Invoker {
  async invoke(functionArn: string): Promise<InvokeOutcome> {
    return {
      kind: "invocationFailed",
      code: "ResourceNotFoundException",
      detail: `no invoker configured for ${functionArn}: start the server with --lambda-endpoint or --functions`,
      retryable: false,
    };
  }
}
