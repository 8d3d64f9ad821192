import type { FunctionRef, InvokeOutcome } from "./invoker.ts";
import type { LambdaContext, Settle } from "./lambda-context.ts";
import { lambdaContext } from "./lambda-context.ts";

export type Handler = (event: unknown, context: LambdaContext, callback: Settle) => unknown;

type Finished = Exclude<InvokeOutcome, { kind: "invocationFailed" }> | "timeout";

/**
 * Runs one handler the way the Node.js Lambda runtime does: the event is a fresh copy of the JSON
 * payload; the result is whichever comes first of the returned promise and `callback(err, result)`;
 * the result travels back as JSON (so `undefined` becomes null, as on Lambda).
 *
 * A non-async handler that returns a value is taken at its word. One that returns nothing is waited
 * for (it may call `callback` or the legacy `context.done` later) unless it takes only the event,
 * in which case its result is null — Lambda would answer once the event loop drains, which an
 * in-process call cannot observe.
 */
export function runHandler(
  handler: Handler,
  functionArn: string,
  ref: FunctionRef,
  payload: unknown,
  timeoutMs: number,
): Promise<Finished> {
  return new Promise<Finished>((resolvePromise) => {
    let done = false;
    const finish = (outcome: Finished) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolvePromise(outcome);
    };
    const settle: Settle = (error, result) =>
      finish(error != null ? functionError(error) : serialize(result));
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    const context = lambdaContext(functionArn, ref, Date.now() + timeoutMs, settle);
    try {
      const event = JSON.parse(JSON.stringify(payload ?? null)) as unknown;
      const returned = handler(event, context, settle);
      if (isThenable(returned)) {
        returned.then(
          (value) => settle(null, value),
          (err: unknown) => settle(err ?? new Error("rejected")),
        );
      } else if (returned !== undefined || handler.length <= 1) {
        settle(null, returned);
      }
    } catch (err) {
      settle(err);
    }
  });
}

/** Lambda's error document: the Error's message and its constructor name (`errorType`). */
function functionError(error: unknown): Finished {
  if (error instanceof Error) {
    return { kind: "functionError", errorMessage: error.message, errorType: error.name || "Error" };
  }
  if (typeof error === "object" && error !== null) {
    const o = error as Record<string, unknown>;
    const message =
      typeof o.errorMessage === "string"
        ? o.errorMessage
        : typeof o.message === "string"
          ? o.message
          : JSON.stringify(error);
    return {
      kind: "functionError",
      errorMessage: message,
      errorType: typeof o.errorType === "string" ? o.errorType : "Error",
    };
  }
  return { kind: "functionError", errorMessage: String(error), errorType: typeof error };
}

function serialize(result: unknown): Finished {
  let text: string | undefined;
  try {
    text = JSON.stringify(result);
  } catch (err) {
    return {
      kind: "nonJson",
      body: `(not serializable: ${err instanceof Error ? err.message : String(err)})`,
    };
  }
  return { kind: "returned", value: text === undefined ? null : (JSON.parse(text) as unknown) };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
