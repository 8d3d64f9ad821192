import { ServerSecrets } from "../../src/crypto/server-secrets.ts";
import { Messenger } from "../../src/messaging/messenger.ts";
import { logSender } from "../../src/messaging/senders.ts";
import type { Probe } from "../../src/probe.ts";
import type { Services } from "../../src/services.ts";
import type { Store } from "../../src/storage/ports.ts";

/**
 * Services that record the work an operation does (docs/existence.md#unit-tests-count-work: "unit tests count work, not
 * time"): every store call as `<port>.<method>`, every MAC as `mac:<purpose>`. The messenger writes
 * through the counted outbox; call `settle()` after each operation so its drain timer never runs
 * into the next measurement.
 */
export interface CountingServices {
  services: Services;
  calls: string[];
  settle(): Promise<void>;
}

const PORTS = new Set([
  "pools",
  "clients",
  "users",
  "codes",
  "counters",
  "sessions",
  "tokens",
  "outbox",
  "keys",
]);

function countingStore(store: Store, calls: string[]): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      // A transaction's store is counted like the store itself (the calls inside are the work).
      if (prop === "transaction") {
        return <T>(fn: (tx: Store) => Promise<T>) => target.transaction((tx) => fn(countingStore(tx, calls)));
      }
      const port: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string" || !PORTS.has(prop) || typeof port !== "object" || port === null)
        return port;
      return new Proxy(port, {
        get(p, method) {
          const f: unknown = Reflect.get(p, method);
          if (typeof f !== "function") return f;
          return (...args: unknown[]) => {
            calls.push(`${prop}.${String(method)}`);
            return Reflect.apply(f, p, args);
          };
        },
      });
    },
  });
}

class CountingSecrets extends ServerSecrets {
  constructor(
    private readonly inner: ServerSecrets,
    private readonly calls: string[],
  ) {
    super(Buffer.alloc(32));
  }
  override key(purpose: string): Buffer {
    return this.inner.key(purpose);
  }
  override mac(purpose: string, ...parts: string[]): Buffer {
    this.calls.push(`mac:${purpose}`);
    return this.inner.mac(purpose, ...parts);
  }
}

export function countingServices(base: Services): CountingServices {
  const calls: string[] = [];
  const store = countingStore(base.store, calls);
  const messenger = new Messenger(store.outbox, logSender(base.log), base.clock, base.log, base.box);
  const secrets = new CountingSecrets(base.secrets, calls);
  return {
    services: { ...base, store, secrets, messenger },
    calls,
    settle: () => messenger.close(),
  };
}

/**
 * A probe (src/probe.ts) that counts the flows' modular exponentiations; install it in the services
 * (`{ ...services, probe: counter.probe }`) and diff `modExps()` around the work.
 */
export function countingProbe(): { probe: Probe; modExps(): number } {
  let total = 0;
  return {
    probe: {
      modExps(count) {
        total += count;
      },
    },
    modExps: () => total,
  };
}

/** The calls as a sorted multiset, so two paths can be compared regardless of order. */
export const multiset = (calls: readonly string[]): string[] => [...calls].sort();
