import type { Logger } from "pino";
import type { Config } from "./config/config.ts";
import type { SecretBox } from "./crypto/secret-box.ts";
import type { ServerSecrets } from "./crypto/server-secrets.ts";
import type { AuthEventRecorder } from "./domain/auth-events/recorder.ts";
import type { QuotaGate } from "./domain/quotas/index.ts";
import type { Messenger } from "./messaging/messenger.ts";
import type { Metrics } from "./metrics.ts";
import type { Probe } from "./probe.ts";
import type { Store } from "./storage/ports.ts";
import type { TokenKeys } from "./tokens/token-keys.ts";
import type { LambdaConfig } from "./triggers/lambda-config.ts";
import type { TriggerRunner } from "./triggers/runner.ts";

/** Time, injectable so tests control it. */
export interface Clock {
  now(): number;
}

/**
 * Everything an operation may depend on. Operations declare the part they use
 * (`Pick<Services, "store" | "clock">`), so a reader sees each one's reach at a glance.
 */
export interface Services {
  config: Config;
  store: Store;
  clock: Clock;
  box: SecretBox;
  secrets: ServerSecrets;
  messenger: Messenger;
  log: Logger;
  /** Token signing/encryption keys (src/tokens), loaded once at start. */
  tokenKeys: TokenKeys;
  /** The Lambda trigger runner for a pool's LambdaConfig (src/triggers; one invoker per server). */
  triggers: (poolLambdaConfig: LambdaConfig | undefined) => TriggerRunner;
  /** Benchmark and test observation points (src/probe.ts); NO_PROBE in production. */
  probe: Probe;
  /** Sign-in events, queued in memory and written off the request path (src/domain/auth-events). */
  authEvents: AuthEventRecorder;
  /** Request-rate quotas per pool (src/domain/quotas), admitted once per request by the HTTP dispatch. */
  quotas: QuotaGate;
  /** What the operator's metrics count (src/metrics.ts): NO_METRICS unless --metrics. */
  metrics: Metrics;
}
