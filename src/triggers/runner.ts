import type {
  PreTokenGenerationVersion,
  TriggerEvents,
  TriggerName,
  UserMigrationEvent,
} from "./events/index.ts";
import { responseSchema } from "./events/index.ts";
import { splitReturnedEvent, withoutUndefined } from "./events/shape.ts";
import type { InvokeOutcome, Invoker } from "./invokers/invoker.ts";
import type { LambdaConfig } from "./lambda-config.ts";
import { functionArnFor, preTokenGenerationVersion } from "./lambda-config.ts";
import type { MigrationResult } from "./migration.ts";
import { classifyMigration } from "./migration.ts";
import { describeReturned, triggerErrors } from "./trigger-errors.ts";

/** Pino-compatible: one structured line per contract problem. */
export interface TriggerLogger {
  warn(obj: object, msg: string): void;
}

/** Cognito waits 5 s per attempt and makes up to three attempts; neither can be changed there (docs/triggers.md#the-event-contract). */
export const COGNITO_TIMEOUT_MS = 5000;
export const COGNITO_ATTEMPTS = 3;

export interface TriggerRunnerOptions {
  timeoutMs?: number;
  attempts?: number;
  /** Told of each call (all its attempts) when it ends: the operator's metrics (src/metrics.ts). */
  observe?: (trigger: TriggerName, outcome: InvokeOutcome["kind"], seconds: number) => void;
}

export type StandardTrigger = Exclude<TriggerName, "UserMigration">;

/**
 * Runs one pool's triggers. `run` returns the event sent with the function's `response` (checked and
 * with nulls dropped), or throws the CognitoError that Cognito would answer (docs/errors.md, docs/triggers.md#the-event-contract).
 * UserMigration has its own method because its caller needs three outcomes, not two (docs/triggers.md#usermigration).
 */
export class TriggerRunner {
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly observe: TriggerRunnerOptions["observe"];

  constructor(
    private readonly config: LambdaConfig,
    private readonly invoker: Invoker,
    private readonly log: TriggerLogger,
    options: TriggerRunnerOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? COGNITO_TIMEOUT_MS;
    this.attempts = Math.max(1, options.attempts ?? COGNITO_ATTEMPTS);
    this.observe = options.observe;
  }

  has(trigger: TriggerName): boolean {
    return functionArnFor(this.config, trigger) !== undefined;
  }

  /** Which PreTokenGeneration event to build: V1_0 (ID token only), V2_0 or V3_0. */
  preTokenGenerationVersion(): PreTokenGenerationVersion {
    return preTokenGenerationVersion(this.config);
  }

  async run<T extends StandardTrigger>(trigger: T, event: TriggerEvents[T]): Promise<TriggerEvents[T]> {
    const arn = this.arn(trigger);
    const value = await this.call(trigger, arn, event);
    const split = splitReturnedEvent(value);
    if (!split) {
      this.warn(
        trigger,
        arn,
        value,
        "InvalidLambdaResponseException: Unrecognizable lambda output",
        "return the event you received, with its response filled in (`return event;` or `callback(null, event)`)",
      );
      throw triggerErrors.unrecognizable();
    }
    const parsed = responseSchema(trigger, event.version).safeParse(split.response);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = ["response", ...(issue?.path ?? [])].join(".");
      this.log.warn(
        { trigger, functionArn: arn, field: where },
        `${trigger} function returned ${where} that Cognito does not accept (${issue?.message ?? "wrong type"}); Cognito answers InvalidLambdaResponseException: Unrecognizable lambda output`,
      );
      throw triggerErrors.unrecognizable();
    }
    return { ...event, response: withoutUndefined(parsed.data) } as TriggerEvents[T];
  }

  /**
   * Migrated user, "empty response" (the caller gives the simulated answer under ENABLED), or "not an
   * event" (`UserNotFoundException: Exception migrating user in app client <id>` in both modes).
   */
  async runMigration(event: UserMigrationEvent): Promise<MigrationResult> {
    const arn = this.arn("UserMigration");
    const value = await this.call("UserMigration", arn, event);
    const result = classifyMigration(event, value);
    if (result.kind === "notAnEvent") {
      this.warn(
        "UserMigration",
        arn,
        value,
        `UserNotFoundException: Exception migrating user in app client ${event.callerContext.clientId} (even with PreventUserExistenceErrors=ENABLED)`,
        "to decline the user, return the event you received with its response left empty (in Go: `return event, nil`); to migrate, set response.userAttributes",
      );
    } else if (result.kind === "unrecognizable") {
      this.log.warn(
        { trigger: "UserMigration", functionArn: arn, field: result.field },
        `UserMigration function returned ${result.field} that Cognito does not accept; Cognito answers InvalidLambdaResponseException: Unrecognizable lambda output`,
      );
      throw triggerErrors.unrecognizable();
    }
    return result;
  }

  private arn(trigger: TriggerName): string {
    const arn = functionArnFor(this.config, trigger);
    if (arn === undefined) throw new Error(`${trigger} is not configured for this pool; check has() first`);
    return arn;
  }

  /** Invokes with Cognito's timeout and retries; returns the JSON value or throws Cognito's error. */
  private async call(trigger: TriggerName, arn: string, event: unknown): Promise<unknown> {
    const started = performance.now();
    let outcome: InvokeOutcome = await this.invoker.invoke(arn, event, this.timeoutMs);
    for (let attempt = 1; attempt < this.attempts; attempt++) {
      if (outcome.kind !== "invocationFailed" || !outcome.retryable) break;
      outcome = await this.invoker.invoke(arn, event, this.timeoutMs);
    }
    this.observe?.(trigger, outcome.kind, (performance.now() - started) / 1000);
    switch (outcome.kind) {
      case "returned":
        return outcome.value;
      case "functionError":
        if (trigger === "UserMigration") this.warnMigrationThrew(arn, outcome.errorMessage);
        throw triggerErrors.functionError(trigger, outcome.errorMessage);
      case "invocationFailed":
        this.log.warn(
          { trigger, functionArn: arn, code: outcome.code },
          `${trigger} function could not be invoked: ${outcome.detail}; Cognito answers UnexpectedLambdaException: ${trigger} invocation failed due to error ${outcome.code}.`,
        );
        throw triggerErrors.invocationFailed(trigger, outcome.code);
      case "nonJson":
        this.log.warn(
          { trigger, functionArn: arn, output: outcome.body.slice(0, 120) },
          `${trigger} function output is not JSON; Cognito answers InvalidLambdaResponseException: Invalid lambda function output : Invalid JSON; return the event object`,
        );
        throw triggerErrors.invalidJson();
    }
  }

  private warn(trigger: TriggerName, arn: string, value: unknown, answer: string, instead: string): void {
    this.log.warn(
      { trigger, functionArn: arn, returned: describeReturned(value) },
      `${trigger} function returned ${describeReturned(value)}; Cognito answers ${answer}; ${instead}`,
    );
  }

  /** Throwing declines the user but names the error, which reveals the user is unknown (docs/triggers.md#usermigration). */
  private warnMigrationThrew(arn: string, message: string): void {
    this.log.warn(
      { trigger: "UserMigration", functionArn: arn, errorMessage: message },
      `UserMigration function threw "${message}"; Cognito answers UserLambdaValidationException: UserMigration failed with error ${message}. even with PreventUserExistenceErrors=ENABLED; to decline the user without revealing it, return the event with its response left empty`,
    );
  }
}
