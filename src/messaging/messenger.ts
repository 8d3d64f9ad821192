import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { OutboxMessage, OutboxStore } from "../storage/ports.ts";
import type { Sender } from "./senders.ts";

/** The time source the messenger reads; declared here so the messenger does not depend on the services bundle. */
export interface MessengerClock {
  now(): number;
}

export type NewMessage = Omit<OutboxMessage, "id" | "createdAt" | "sentAt">;

/**
 * Outbox purpose of the masked path's decoy messages. They travel the whole outbox lifecycle (insert,
 * claim, mark sent) like real ones, so the background work after a request does not depend on whether
 * the user exists; only the sender is skipped. The loopback message reader hides them.
 */
export const DECOY_PURPOSE = "DECOY";

/**
 * Messages (invitations, codes) are written to the outbox on the request path and delivered by a
 * background drainer, so a real delivery costs a request only the outbox write; an unknown user's
 * simulated answer makes the same write through `enqueueDecoy` (docs/existence.md#equal-work).
 */
export class Messenger {
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly sender: Sender,
    private readonly clock: MessengerClock,
    private readonly log: Logger,
    /** Set on a messenger `within` a transaction: its writes are not committed yet, so it never kicks. */
    private readonly inTransaction = false,
  ) {}

  /**
   * A messenger whose writes join a storage transaction (`outbox` is the transaction's), so a message
   * commits with the rows it belongs to (docs/storage.md#transactions). Call `kick()` on this messenger
   * after the commit.
   */
  within(outbox: OutboxStore): Messenger {
    return new Messenger(outbox, this.sender, this.clock, this.log, true);
  }

  async enqueue(message: NewMessage): Promise<void> {
    await this.write(message, message.purpose);
  }

  /**
   * The masked path's twin of `enqueue` (domain/codes/issue.ts issueDecoy): the same outbox write and kick;
   * the drainer later claims and marks it sent like any message, but never hands it to a sender.
   */
  async enqueueDecoy(message: Omit<NewMessage, "purpose">): Promise<void> {
    await this.write(message, DECOY_PURPOSE);
  }

  /** The one write both kinds share, at the same call depth (docs/existence.md#equal-work). */
  private async write(message: Omit<NewMessage, "purpose">, purpose: string): Promise<void> {
    await this.outbox.add({
      ...message,
      purpose,
      id: randomUUID(),
      createdAt: this.clock.now(),
      sentAt: null,
    });
    this.kick();
  }

  /** Starts draining soon, off the current request's path. */
  kick(): void {
    if (this.inTransaction || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, 10);
    this.timer.unref();
  }

  /** Delivers pending messages; safe to call concurrently and from several nodes (claims are leased). */
  drain(): Promise<void> {
    if (!this.draining) {
      this.draining = this.drainOnce().finally(() => {
        this.draining = null;
      });
    }
    return this.draining;
  }

  private async drainOnce(): Promise<void> {
    for (;;) {
      const batch = await this.outbox.claim(50, this.clock.now(), 60_000);
      if (batch.length === 0) return;
      for (const m of batch) {
        try {
          if (m.purpose !== DECOY_PURPOSE) await this.sender.send(m);
          await this.outbox.markSent(m.id, this.clock.now());
        } catch (e) {
          // Left unsent; the lease expires and a later drain retries it.
          this.log.warn({ err: e, messageId: m.id }, "message delivery failed");
        }
      }
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.draining;
  }
}
