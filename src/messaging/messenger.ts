import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Clock } from "../services.ts";
import type { OutboxMessage, OutboxStore } from "../storage/ports.ts";
import type { Sender } from "./senders.ts";

export type NewMessage = Omit<OutboxMessage, "id" | "createdAt" | "sentAt">;

/**
 * Messages (invitations, codes) are written to the outbox on the request path and delivered by a
 * background drainer, so a real delivery costs a request only the outbox write; an unknown user's
 * simulated answer makes the same write through `enqueueDecoy` (no-oracle.md rule 3).
 */
export class Messenger {
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly sender: Sender,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async enqueue(message: NewMessage): Promise<void> {
    await this.outbox.add({ ...message, id: randomUUID(), createdAt: this.clock.now(), sentAt: null });
    this.kick();
  }

  /**
   * The masked path's twin of `enqueue` (domain/codes.ts issueDecoy): the same outbox write and the
   * same kick, but the message is stored as already sent, so no sender ever delivers it.
   */
  async enqueueDecoy(message: NewMessage): Promise<void> {
    const now = this.clock.now();
    await this.outbox.add({ ...message, id: randomUUID(), createdAt: now, sentAt: now });
    this.kick();
  }

  /** Starts draining soon, off the current request's path. */
  private kick(): void {
    if (this.timer) return;
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
          await this.sender.send(m);
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
