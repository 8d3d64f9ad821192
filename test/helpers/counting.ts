import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, startApp } from "../../src/app.ts";
import { ServerSecrets } from "../../src/crypto/server-secrets.ts";
import {
  type AuthContext,
  type AuthHooks,
  renderOutcome,
  respondToChallenge,
  startAuth,
} from "../../src/domain/auth-flows/index.ts";
import { CognitoError } from "../../src/domain/errors/index.ts";
import { ensureDecoy } from "../../src/domain/existence/decoy.ts";
import { sealCredential } from "../../src/domain/users/credentials.ts";
import { newUserRecord } from "../../src/domain/users/new-user.ts";
import { Messenger } from "../../src/messaging/messenger.ts";
import { logSender } from "../../src/messaging/senders.ts";
import { createUserPool } from "../../src/operations/create-user-pool.ts";
import { createUserPoolClient } from "../../src/operations/create-user-pool-client.ts";
import { signInContext } from "../../src/operations/sign-in-context.ts";
import type { Probe } from "../../src/probe.ts";
import type { Services } from "../../src/services.ts";
import type { Store, UserStatus } from "../../src/storage/ports.ts";
import { srpRespond, srpStart } from "./srp-client.ts";
import { testConfig } from "./test-config.ts";

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
      return recorded(prop, port, calls);
    },
  });
}

/** `port` with every method call pushed to `calls` as `<name>.<method>` before it runs. */
function recorded<T extends object>(name: string, port: T, calls: string[]): T {
  return new Proxy(port, {
    get(p, method) {
      const f: unknown = Reflect.get(p, method);
      if (typeof f !== "function") return f;
      return (...args: unknown[]) => {
        calls.push(`${name}.${String(method)}`);
        return Reflect.apply(f, p, args);
      };
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

/** What a measured sign-in step is given besides its hooks, API and time. */
export type SignInBase = Omit<AuthContext, "hooks" | "api" | "now">;

/** A user written straight into the store, with the password "Passw0rd!". */
export interface SeededUser {
  username: string;
  status: UserStatus;
  attributes: Record<string, string>;
}

/**
 * The harness of the sign-in equal-work tests (docs/existence.md#unit-tests-count-work, "unit tests
 * count work, not time"): an app on a fresh data directory, and a copy of its store whose every
 * sub-store (authEvents included) records each call in `calls` as "users.findByUsername", …. The
 * balancing decoy row is made through it once, before anything is counted.
 */
export interface SignInWork {
  app: App;
  calls: string[];
  /**
   * A pool (CreateUserPool with `pool`, not counted) with one ENABLED client "c" allowing `flows`,
   * `users` in it, and the context InitiateAuth builds for them without hooks, API and time: its
   * services are the app's with the counting store and `services` over them.
   */
  base(spec: {
    pool: Parameters<typeof createUserPool.handle>[0];
    flows: readonly ExplicitAuthFlow[];
    users: readonly SeededUser[];
    services?: Partial<Services>;
  }): Promise<SignInBase>;
  /**
   * The work of one step: the calls recorded while `run` ran (`calls` is emptied first) and its
   * answer, the output's JSON or a Cognito error's `<type>: <message>`.
   */
  measure(run: () => Promise<unknown>): Promise<{ calls: string[]; answer: string }>;
  close(): Promise<void>;
}

type ExplicitAuthFlow = NonNullable<
  Parameters<typeof createUserPoolClient.handle>[0]["ExplicitAuthFlows"]
>[number];

const setupCtx = { requestId: "t", log: undefined as never, remoteAddress: "127.0.0.1" };

export async function signInWork(dirPrefix: string): Promise<SignInWork> {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const app = await startApp(testConfig({ data: dir }));
  const s = app.services;
  const calls: string[] = [];
  const copy: Record<string, unknown> = { ...s.store };
  for (const [k, v] of Object.entries(s.store))
    if (v && typeof v === "object") copy[k] = recorded(k, v, calls);
  const store = copy as unknown as Store;
  await ensureDecoy(store, s.box); // created once per store, before anything is counted
  return {
    app,
    calls,
    async base({ pool: poolInput, flows, users, services = {} }) {
      const { UserPool } = (await createUserPool.handle(poolInput, s, setupCtx)) as {
        UserPool: { Id: string };
      };
      const { UserPoolClient } = (await createUserPoolClient.handle(
        {
          UserPoolId: UserPool.Id,
          ClientName: "c",
          PreventUserExistenceErrors: "ENABLED",
          ExplicitAuthFlows: [...flows],
        },
        s,
        setupCtx,
      )) as { UserPoolClient: { ClientId: string } };
      const pool = await s.store.pools.get(UserPool.Id);
      const client = await s.store.clients.get(UserPool.Id, UserPoolClient.ClientId);
      if (!pool || !client) throw new Error("setup");
      for (const { username, status, attributes } of users) {
        const u = newUserRecord({ pool, username, attributes, status, now: Date.now() });
        await s.store.users.create({
          ...u,
          credential: sealCredential(s.box, u, "Passw0rd!"),
          credentialSetAt: Date.now(),
        });
      }
      const counted = { ...s, store, ...services };
      const { hooks: _h, ...base } = signInContext(counted, "InitiateAuth", { pool, client }, undefined);
      return base;
    },
    async measure(run) {
      calls.length = 0;
      let answer: string;
      try {
        answer = JSON.stringify(await run());
      } catch (e) {
        if (!(e instanceof CognitoError)) throw e;
        answer = `${e.type}: ${e.message}`;
      }
      return { calls: [...calls], answer };
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * SRP step 1 for `name` (InitiateAuth, with `hooks`), then the step to measure: PASSWORD_VERIFIER
 * answered with the proof of the wrong password "Wrong-passw0rd", on a real session or a simulated one.
 */
export async function wrongProofStep(
  base: SignInBase,
  hooks: AuthHooks,
  name: string,
): Promise<(ctx: AuthContext) => Promise<unknown>> {
  const start = srpStart();
  const ctx1: AuthContext = { ...base, api: "InitiateAuth", now: Date.now(), hooks };
  const challenge = renderOutcome(
    await startAuth(ctx1, "USER_SRP_AUTH", { USERNAME: name, SRP_A: start.srpA }),
  );
  const params = challenge.ChallengeParameters as Record<string, string>;
  const responses = srpRespond(base.pool.id, start, params, "Wrong-passw0rd");
  return (ctx) => respondToChallenge(ctx, "PASSWORD_VERIFIER", responses, undefined);
}
