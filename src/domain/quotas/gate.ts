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
  /** Told of each refusal, by category (the operator's metrics: src/metrics.ts). */
  refused?: (category: QuotaCategory) => void;
}

/**
 * Cognito's request-rate quotas, per pool and category, shared by every node through the store: one
 * atomic increment per admitted request (two for a challenge response past its own allowance), so N
 * nodes together admit at most the configured rate per window. Once a node has seen a window full it
 * refuses the rest of that window without asking the store (nothing could be admitted before the
 * window ends anyway), so a flood costs the store about one write per admitted request and node.
 * The HTTP dispatch calls `admit` once, after the input is validated and before the operation runs,
 * so a throttled request has read no user and answers the same whatever name it carries.
 */
export class QuotaGate {
  private readonly subjects: QuotaSubjects;
  private readonly off: boolean;
  /** Budgets this node has seen full: the last instant of that window. */
  private readonly full = new Map<string, number>();

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
      if (await this.spend(`${pool}:challenge-responses`, CHALLENGE_RESPONSE_FACTOR * limit, now)) return;
    }
    if (!(await this.spend(`${pool}:${category}`, limit, now))) {
      this.deps.refused?.(category);
      throw errors.tooManyRequests();
    }
  }

  /** One request from `budget`: true while its window has room. */
  private async spend(budget: string, limit: number, now: number): Promise<boolean> {
    const fullUntil = this.full.get(budget);
    if (fullUntil !== undefined) {
      if (now <= fullUntil) return false;
      this.full.delete(budget);
    }
    const state = await this.deps.store.counters.incrementWindow(`quota:${budget}`, now, QUOTA_WINDOW_MS);
    if (state.count <= limit) return true;
    this.full.set(budget, state.firstAt + QUOTA_WINDOW_MS);
    return false;
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
