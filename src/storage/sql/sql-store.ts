import type { Store } from "../ports.ts";
import { sqlAuthEventStore } from "./auth-event-store.ts";
import { sqlClientStore } from "./client-store.ts";
import { sqlCodeStore } from "./code-store.ts";
import { sqlCounterStore } from "./counter-store.ts";
import type { SqlExecutor } from "./executor.ts";
import { sqlGroupStore } from "./group-store.ts";
import { sqlImportJobStore } from "./import-job-store.ts";
import { sqlKeyStore } from "./key-store.ts";
import { sqlMaintenanceStore } from "./maintenance-store.ts";
import { sqlMfaStore } from "./mfa-store.ts";
import { sqlOutboxStore } from "./outbox-store.ts";
import { sqlPasskeyStore } from "./passkey-store.ts";
import { sqlPoolStore } from "./pool-store.ts";
import { sqlResourceStore } from "./resource-store.ts";
import { sqlSessionStore } from "./session-store.ts";
import { sqlTokenStore } from "./token-store.ts";
import { sqlUserStore } from "./user-store.ts";

/** Builds every port on one executor. The executor decides the dialect; the stores do not care. */
export function sqlStore(db: SqlExecutor): Store {
  return {
    kind: db.dialect,
    transaction: (fn) => db.transaction((tx) => fn(sqlStore(tx))),
    pools: sqlPoolStore(db),
    clients: sqlClientStore(db),
    users: sqlUserStore(db),
    groups: sqlGroupStore(db),
    passkeys: sqlPasskeyStore(db),
    resources: sqlResourceStore(db),
    codes: sqlCodeStore(db),
    counters: sqlCounterStore(db),
    sessions: sqlSessionStore(db),
    tokens: sqlTokenStore(db),
    authEvents: sqlAuthEventStore(db),
    importJobs: sqlImportJobStore(db),
    outbox: sqlOutboxStore(db),
    keys: sqlKeyStore(db),
    mfa: sqlMfaStore(db),
    maintenance: sqlMaintenanceStore(db),
    close: () => db.close(),
  };
}
