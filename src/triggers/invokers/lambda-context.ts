import { randomUUID } from "node:crypto";
import type { FunctionRef } from "./invoker.ts";

/**
 * The `context` argument a Node.js Lambda handler receives (AWS "Lambda context object in Node.js"),
 * for functions run in-process. `done` / `succeed` / `fail` are the legacy completion methods some
 * older handlers still call; they settle the invocation like the callback does.
 */
export interface LambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
  done(error?: unknown, result?: unknown): void;
  succeed(result?: unknown): void;
  fail(error: unknown): void;
}

export type Settle = (error: unknown, result?: unknown) => void;

export function lambdaContext(
  functionArn: string,
  ref: FunctionRef,
  deadline: number,
  settle: Settle,
): LambdaContext {
  const arn = functionArn.startsWith("arn:")
    ? functionArn
    : `arn:aws:lambda:us-east-1:000000000000:function:${ref.name}`;
  return {
    functionName: ref.name,
    functionVersion: "$LATEST",
    invokedFunctionArn: arn,
    memoryLimitInMB: "128",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${ref.name}`,
    logStreamName: `hushpool/${ref.name}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: (error, result) => settle(error ?? null, result),
    succeed: (result) => settle(null, result),
    fail: (error) => settle(error ?? new Error("fail() called")),
  };
}
