import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { SecretBox } from "../crypto/secret-box.ts";
import type { OutboxMessage, OutboxStore } from "../storage/ports.ts";

export type { NewMessage } from "./content.ts";

import { type NewMessage, openContent, renderText, storedMessage } from "./content.ts";
import { REDACTED, type Sender } from "./senders.ts";
import { sealUnsealedRows } from "./unsealed.ts";

/** The time source the messenger reads; declared here so the messenger does not depend on the services bundle. */
export interface MessengerClock {
  now(): number;
}

/**
 * Outbox purpose of the masked path's decoy messages. They travel the whole outbox lifecycle (seal,
 * insert, claim, open, mark sent) like real ones, so the work after a request does not depend on
 * whether the user exists; only the sender is skipped. The loopback message reader hides them.
 */
export const DECOY_PURPOSE = "DECOY";

/** How often a drain looks for rows written in clear by older versions (docs/security.md#secrets-at-rest). */
const UNSEALED_CHECK_EVERY_MS = 60_000;

/**
 * Messages (invitations, codes) are written to the outbox on the request path and delivered by a
 * background drainer, so a real delivery costs a request only the outbox write; an unknown user's
 * simulated answer makes the same write through `enqueueDecoy` (docs/existence.md#equal-work). Each
 * message's content is sealed with the master key before it is stored and opened only to be sent
 * (or read by the loopback message reader).
 */
export class Messenger {
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private unsealedCheckedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly sender: Sender,
    private readonly clock: MessengerClock,
    private readonly log: Logger,
    private readonly box: SecretBox,
    /** Set on a messenger `within` a transaction: its writes are not committed yet, so it never kicks. */
    private readonly inTransaction = false,
    /** Who waits for the next message on this node (the message reader's long-poll); shared with `within` twins. */
    private readonly arrivals = new Set<() => void>(),
  ) {}

  /**
   * Resolves when a message is next written on this node, or after `ms`. A wake-up is a hint to look
   * again (it may come before the writing transaction commits); writes on other nodes are not seen.
   */
  nextArrival(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.arrivals.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.arrivals.add(done);
    });
  }

  /**
   * A messenger whose writes join a storage transaction (`outbox` is the transaction's), so a message
   * commits with the rows it belongs to (docs/storage.md#transactions). Call `kick()` on this messenger
   * after the commit.
   */
  within(outbox: OutboxStore): Messenger {
    return new Messenger(outbox, this.sender, this.clock, this.log, this.box, true, this.arrivals);
  }

  async enqueue(message: NewMessage): Promise<void> {
    await this.write(message, message.purpose);
  }

  /**
   * The masked path's twin of `enqueue` (domain/codes/issue.ts issueDecoy): the same seal, outbox
   * write and kick; the drainer later claims, opens and marks it sent like any message, but never
   * hands it to a sender.
   */
  async enqueueDecoy(message: Omit<NewMessage & { code: string }, "purpose">): Promise<void> {
    await this.write({ ...message, purpose: DECOY_PURPOSE }, DECOY_PURPOSE);
  }

  /** The one write both kinds share, at the same call depth (docs/existence.md#equal-work). */
  private async write(message: NewMessage, purpose: string): Promise<void> {
    const row = { id: randomUUID(), purpose, createdAt: this.clock.now() };
    await this.outbox.add(storedMessage(this.box, message, row));
    for (const wake of [...this.arrivals]) wake();
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
    await this.sealUnsealed();
    for (;;) {
      const batch = await this.outbox.claim(50, this.clock.now(), 60_000);
      if (batch.length === 0) return;
      for (const m of batch) {
        try {
          await this.deliver(m);
          await this.outbox.markSent(m.id, this.clock.now());
        } catch (e) {
          // Left unsent; the lease expires and a later drain retries it.
          this.log.warn({ err: e, messageId: m.id }, "message delivery failed");
        }
      }
    }
  }

  /** Opens a claimed message (decoys too, for equal work) and hands it to the sender. */
  private async deliver(m: OutboxMessage): Promise<void> {
    const content = openContent(this.box, m);
    if (content === null) {
      // It will never open: marked sent below so it is not retried forever, and said here.
      this.log.error(
        { messageId: m.id },
        "message content does not open with this master key; not delivered",
      );
      return;
    }
    if (m.purpose === DECOY_PURPOSE) return;
    const reveal = content.secret !== null && this.sender.receivesSecret(m.medium);
    await this.sender.send({
      id: m.id,
      poolId: m.poolId,
      username: m.username,
      medium: m.medium,
      destination: m.destination,
      purpose: m.purpose,
      subject: content.subject,
      text: renderText(content, reveal && content.secret !== null ? content.secret : REDACTED),
      secret: reveal ? content.secret : null,
    });
  }

  /** Rows written in clear by older versions are sealed at most once a minute (./unsealed.ts). */
  private async sealUnsealed(): Promise<void> {
    const now = this.clock.now();
    if (now - this.unsealedCheckedAt < UNSEALED_CHECK_EVERY_MS) return;
    this.unsealedCheckedAt = now;
    await sealUnsealedRows(this.outbox, this.box);
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.draining;
  }
}
