import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { AuthEventRecord, Json, PoolRecord, Store } from "../../storage/ports.ts";
import { poolConfig } from "../pools/pool.ts";

/** A password check's outcome, as AuthEventType shows it. */
export interface SignInNote {
  pool: PoolRecord;
  /** The user whose password was checked; null for an unknown or masked name (nothing is kept). */
  sub: string | null;
  passed: boolean;
  now: number;
}

/**
 * Sign-in events (docs/admin-users.md#auth-events) recorded OFF the request path. A sign-in calls
 * `note()` once, for a real user and for an unknown name alike: it appends one entry to an in-memory
 * queue and touches no storage, so the two paths do the same work
 * (docs/existence.md#equal-work; test/unit/auth-equal-work.test.ts). A timer writes the queue in one
 * batch after the responses have gone out; entries for unknown names and for pools without threat
 * protection are dropped there, and they count toward the batch size like the others, so flushes
 * come at the same moments whoever signed in. Events still queued when a node dies are lost
 * (decision: they are an audit aid, not state).
 */
export class AuthEventRecorder {
  private queue: { keep: boolean; record: AuthEventRecord }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<Store, "authEvents">,
    private readonly log: Pick<Logger, "warn">,
    private readonly opts: { batchMs: number; maxBatch: number } = { batchMs: 200, maxBatch: 500 },
  ) {}

  /** One sign-in attempt: a queue entry on every path, whether or not it will be kept. */
  note(n: SignInNote): void {
    const keep = n.sub !== null && threatProtectionOn(n.pool);
    const record: AuthEventRecord = {
      poolId: n.pool.id,
      sub: n.sub ?? "",
      eventId: randomUUID(),
      createdAt: n.now,
      data: signInEvent(n.passed),
      feedback: null,
    };
    this.queue.push({ keep, record });
    if (this.queue.length >= this.opts.maxBatch) void this.flush();
    else if (this.timer === null) {
      this.timer = setTimeout(() => void this.flush(), this.opts.batchMs);
      this.timer.unref();
    }
  }

  /** Writes everything queued so far (readers call it first, so a list sees this node's last sign-ins). */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.queue;
    this.queue = [];
    const kept = batch.filter((e) => e.keep).map((e) => e.record);
    this.flushing = this.flushing.then(() =>
      this.store.authEvents
        .add(kept)
        .catch((e: unknown) => this.log.warn({ err: e }, "auth events not written")),
    );
    return this.flushing;
  }
}

/** Events are kept for pools with threat protection (AdvancedSecurityMode AUDIT or ENFORCED), as in Cognito. */
export function threatProtectionOn(pool: PoolRecord): boolean {
  const mode = (poolConfig(pool) as { UserPoolAddOns?: { AdvancedSecurityMode?: string } }).UserPoolAddOns
    ?.AdvancedSecurityMode;
  return mode === "AUDIT" || mode === "ENFORCED";
}

/**
 * The stored part of AuthEventType for a password sign-in: no risk scoring here, so every event is
 * `NoRisk`/`Low` (decision, docs/admin-users.md#auth-events).
 */
function signInEvent(passed: boolean): Json {
  return {
    EventType: "SignIn",
    EventResponse: passed ? "Pass" : "Fail",
    EventRisk: { RiskDecision: "NoRisk", RiskLevel: "Low", CompromisedCredentialsDetected: false },
    ChallengeResponses: [{ ChallengeName: "Password", ChallengeResponse: passed ? "Success" : "Failure" }],
  };
}
