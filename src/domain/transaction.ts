import type { Messenger } from "../messaging/messenger.ts";
import type { Store } from "../storage/ports.ts";

/** The part of the services a unit of writes touches: the store, and the messenger if it queues messages. */
export interface WriteDeps {
  store: Store;
  messenger?: Messenger;
}

/**
 * Runs `fn` with `deps` bound to one storage transaction (docs/storage.md#transactions): `tx.store`
 * is the transaction and `tx.messenger` writes its outbox rows into it, so the user, code and message
 * rows of one operation commit together or not at all. Only writes belong inside: trigger calls and
 * anything slow run before or after (a transaction holds SQLite's writer and a PostgreSQL connection).
 * After the commit the outbox drain is started, as a plain `enqueue` would.
 */
export async function inTransaction<D extends WriteDeps, T>(deps: D, fn: (tx: D) => Promise<T>): Promise<T> {
  const { messenger } = deps;
  const out = await deps.store.transaction((store) =>
    fn(messenger ? { ...deps, store, messenger: messenger.within(store.outbox) } : { ...deps, store }),
  );
  messenger?.kick();
  return out;
}
