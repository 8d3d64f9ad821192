import { FallbackInvoker } from "./invokers/fallback-invoker.ts";
import type { Invoker } from "./invokers/invoker.ts";
import { NoInvoker } from "./invokers/invoker.ts";
import { LambdaApiInvoker } from "./invokers/lambda-api-invoker.ts";
import { LocalModuleInvoker } from "./invokers/local-module-invoker.ts";
import type { LambdaConfig } from "./lambda-config.ts";
import { type RecentInvocations, recordingInvoker } from "./recent.ts";
import type { TriggerLogger, TriggerRunnerOptions } from "./runner.ts";
import { TriggerRunner } from "./runner.ts";

export interface TriggerServerConfig extends TriggerRunnerOptions {
  /** `--lambda-endpoint`: base URL of a Lambda Invoke API ("" = none). */
  lambdaEndpoint: string;
  /** `--functions`: directory of in-process handler modules ("" = none). */
  functions: string;
  /** `--region`: used when a configured value is a bare function name rather than an ARN. */
  region: string;
}

/** Picks the invoker from the server options; with both, local modules win and the rest go remote. */
export function createInvoker(config: TriggerServerConfig): Invoker {
  const remote = config.lambdaEndpoint ? new LambdaApiInvoker(config.lambdaEndpoint, config.region) : null;
  const local = config.functions ? new LocalModuleInvoker(config.functions) : null;
  if (local && remote) return new FallbackInvoker(local, remote);
  return local ?? remote ?? new NoInvoker();
}

/**
 * One invoker per server, one runner per pool: `factory(pool.LambdaConfig)` gives the runner for a
 * pool, so two pools can use different functions (docs/triggers.md). With `recent`, every call's
 * outcome is also kept in that in-memory ring for the console (docs/console.md#triggers).
 */
export function createTriggerRunnerFactory(
  config: TriggerServerConfig,
  log: TriggerLogger,
  recent?: RecentInvocations,
): (poolLambdaConfig: LambdaConfig | undefined) => TriggerRunner {
  const invoker = recent ? recordingInvoker(createInvoker(config), recent) : createInvoker(config);
  const options: TriggerRunnerOptions = {
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.attempts !== undefined ? { attempts: config.attempts } : {}),
  };
  return (poolLambdaConfig) => new TriggerRunner(poolLambdaConfig ?? {}, invoker, log, options);
}
