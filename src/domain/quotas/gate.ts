import type { Store } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import {
  CHALLENGE_RESPONSE_FACTOR,
  CHALLENGE_RESPONSES,
  OPERATION_CATEGORY,
  type QuotaCategory,
} from "./categories.ts";
import { type QuotaLimits, quotasOff } from "./settings.ts";
import { QuotaSubjects } from "./subject.ts";

/** Each budget is a fixed one-second window, counted in the shared store (docs/security.md#quotas). */
export const QUOTA_WINDOW_MS = 1000;

/** The store and the time; declared here (not picked from Services) because Services holds the gate. */
export interface QuotaDeps {
  store: Pick<Store, "pools" | "clients" | "counters">;
  clock: { now(): number };
}

/**
 * Cognito's request-rate quotas, per pool and category, shared by every node through the counter
 * store: one atomic increment per request (two for a challenge response past its own allowance), so
 * N nodes together admit at most the configured rate per window. The HTTP dispatch calls `admit`
 * once, after the input is validated and before the operation runs, so a throttled request has read
 * no user and answers the same whatever name it carries.
 */
export class QuotaGate {
  private readonly subjects: QuotaSubjects;
  private readonly off: boolean;

  constructor(
    private readonly limits: QuotaLimits,
    private readonly deps: QuotaDeps,
  ) {
    this.subjects = new QuotaSubjects(deps.store);
    this.off = quotasOff(limits);
  }

  /** Counts the request against its pool's budget; TooManyRequestsException once the window is full. */
  async admit(operation: string, input: unknown): Promise<void> {
    if (this.off) return;
    const fields = isRecord(input) ? input : {};
    const category = categoryOf(operation, fields);
    const limit = category === undefined ? null : this.limits[category];
    if (category === undefined || limit === null) return;
    const pool = await this.subjects.poolOf(fields);
    const now = this.deps.clock.now();
    if (category === "UserAuthentication" && CHALLENGE_RESPONSES.has(operation)) {
      const responses = await this.count(`${pool}:challenge-responses`, now);
      if (responses <= CHALLENGE_RESPONSE_FACTOR * limit) return;
    }
    if ((await this.count(`${pool}:${category}`, now)) > limit) throw errors.tooManyRequests();
  }

  private async count(budget: string, now: number): Promise<number> {
    const state = await this.deps.store.counters.increment(`quota:${budget}`, now, {
      windowMs: QUOTA_WINDOW_MS,
    });
    return state.count;
  }
}

/** The operation's category; a NEW_PASSWORD_REQUIRED response is account recovery (./categories.ts). */
export function categoryOf(
  operation: string,
  input: Readonly<Record<string, unknown>>,
): QuotaCategory | undefined {
  if (CHALLENGE_RESPONSES.has(operation) && input.ChallengeName === "NEW_PASSWORD_REQUIRED")
    return "UserAccountRecovery";
  return OPERATION_CATEGORY[operation];
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
