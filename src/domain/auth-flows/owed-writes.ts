import type { Store } from "../../storage/ports.ts";

type Write = (store: Store) => Promise<void>;

/**
 * Writes a successful sign-in step owes that need not commit on their own: the lockout settlement
 * of a right password (./lockout.ts recordSuccess). Each commit is SQLite's WAL write lock taken and
 * released, frames appended and, with several workers, a point where they queue for the writer
 * (docs/performance.md#fewer-commits-per-sign-in); so the step carries the settlement to its next
 * write, the refresh-token insert (./tokens.ts), and both commit at once. Whatever is still owed
 * when the step ends (a challenge follows, managed login, an error) is written then, on its own.
 * One per request step; never shared between requests.
 */
export class OwedWrites {
  private owed: Write[] = [];

  add(write: Write): void {
    this.owed.push(write);
  }

  /**
   * Runs `fn` after the owed writes in one transaction (just `fn` when nothing is owed). `fn` must
   * be writes only, as any transaction's body (docs/storage.md#transactions). When the transaction
   * fails the writes stay owed, for `settle`.
   */
  async along<T>(store: Store, fn: (store: Store) => Promise<T>): Promise<T> {
    const owed = this.owed;
    if (owed.length === 0) return fn(store);
    this.owed = [];
    try {
      return await store.transaction(async (tx) => {
        for (const write of owed) await write(tx);
        return fn(tx);
      });
    } catch (e) {
      this.owed = owed;
      throw e;
    }
  }

  /** Writes whatever is still owed, each on its own as before this existed. */
  async settle(store: Store): Promise<void> {
    const owed = this.owed;
    this.owed = [];
    for (const write of owed) await write(store);
  }
}
