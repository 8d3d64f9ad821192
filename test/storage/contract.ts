import { describe, test } from "node:test";
import type { Store } from "../../src/storage/ports.ts";
import { authEventTests } from "./contract/auth-events.ts";
import { codeTests, counterTests } from "./contract/codes-counters.ts";
import type { StoreTest } from "./contract/fixtures.ts";
import { groupTests } from "./contract/groups.ts";
import { maintenanceTests } from "./contract/maintenance.ts";
import { mfaTests } from "./contract/mfa.ts";
import { keyTests, outboxTests } from "./contract/outbox-keys.ts";
import { passkeyTests } from "./contract/passkeys.ts";
import { clientTests, poolTests } from "./contract/pools-clients.ts";
import { resourceTests } from "./contract/resources.ts";
import { sessionTests, tokenTests } from "./contract/sessions-tokens.ts";
import { claimTests, transactionTests } from "./contract/transactions-claims.ts";
import { userTests } from "./contract/users.ts";
import { userListTests } from "./contract/users-list.ts";

export interface OpenedStore {
  store: Store;
  /** Closes the store and removes what it left behind (files, schema). */
  cleanup(): Promise<void>;
}

/**
 * The storage contract (src/storage/ports.ts) as node:test tests. Every adapter runs the same
 * suite; each test gets a fresh, empty store from `open`, so tests never see each other's rows.
 */
export function storeContract(name: string, open: () => Promise<OpenedStore>): void {
  const it: StoreTest = (title, body) =>
    test(title, async () => {
      const { store, cleanup } = await open();
      try {
        await body(store);
      } finally {
        await cleanup();
      }
    });
  describe(`storage contract: ${name}`, () => {
    for (const register of [
      poolTests,
      clientTests,
      userTests,
      userListTests,
      groupTests,
      passkeyTests,
      resourceTests,
      codeTests,
      counterTests,
      claimTests,
      transactionTests,
      sessionTests,
      tokenTests,
      authEventTests,
      outboxTests,
      keyTests,
      maintenanceTests,
      mfaTests,
    ]) {
      register(it);
    }
  });
}
