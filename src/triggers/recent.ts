import type { InvokeOutcome, Invoker } from "./invokers/invoker.ts";

/** One trigger call as the console shows it (docs/console.md#triggers). Never the event itself. */
export interface Invocation {
  at: number;
  poolId: string;
  /** The event's triggerSource (e.g. PreSignUp_SignUp); "" when the event has none. */
  source: string;
  userName: string;
  functionArn: string;
  outcome: InvokeOutcome["kind"];
  /** For failures: the function's error message or the invocation error code, cut to 200 characters. */
  detail: string;
  ms: number;
}

/**
 * The last trigger calls of this node, in memory: a ring of fixed size, written by the invoker
 * wrapper below, read by the console's triggers page. Per node and lost at restart, on purpose: it
 * costs one array write per call and no storage (docs/console.md#triggers). The payload is not kept
 * (a UserMigration event carries the password).
 */
export class RecentInvocations {
  private readonly ring: Invocation[] = [];
  private next = 0;
  constructor(readonly size = 200) {}

  add(i: Invocation): void {
    if (this.ring.length < this.size) this.ring.push(i);
    else this.ring[this.next] = i;
    this.next = (this.next + 1) % this.size;
  }

  /** Newest first, for one pool. */
  forPool(poolId: string): Invocation[] {
    const all = [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)].reverse();
    return all.filter((i) => i.poolId === poolId);
  }
}

const field = (payload: unknown, name: string): string => {
  const v = payload && typeof payload === "object" ? (payload as Record<string, unknown>)[name] : undefined;
  return typeof v === "string" ? v : "";
};

/** Wraps an invoker so that every call's outcome lands in `recent`. */
export function recordingInvoker(inner: Invoker, recent: RecentInvocations, now = Date.now): Invoker {
  return {
    async invoke(functionArn, payload, timeoutMs) {
      const start = now();
      const outcome = await inner.invoke(functionArn, payload, timeoutMs);
      const detail =
        outcome.kind === "functionError"
          ? `${outcome.errorType}: ${outcome.errorMessage}`
          : outcome.kind === "invocationFailed"
            ? outcome.code
            : "";
      recent.add({
        at: start,
        poolId: field(payload, "userPoolId"),
        source: field(payload, "triggerSource"),
        userName: field(payload, "userName"),
        functionArn,
        outcome: outcome.kind,
        detail: detail.slice(0, 200),
        ms: now() - start,
      });
      return outcome;
    },
  };
}
