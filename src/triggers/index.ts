/** The trigger layer's public surface (docs/triggers.md). */
export * from "./events/index.ts";
export type { TriggerServerConfig } from "./factory.ts";
export { createInvoker, createTriggerRunnerFactory } from "./factory.ts";
export type { InvokeOutcome, Invoker } from "./invokers/invoker.ts";
export { parseFunctionRef, TIMEOUT_CODE } from "./invokers/invoker.ts";
export { LambdaApiInvoker } from "./invokers/lambda-api-invoker.ts";
export { LocalModuleInvoker } from "./invokers/local-module-invoker.ts";
export type { LambdaConfig } from "./lambda-config.ts";
export type { MigrationResult } from "./migration.ts";
export type { StandardTrigger, TriggerLogger, TriggerRunnerOptions } from "./runner.ts";
export { COGNITO_ATTEMPTS, COGNITO_TIMEOUT_MS, TriggerRunner } from "./runner.ts";
export { triggerErrors } from "./trigger-errors.ts";
