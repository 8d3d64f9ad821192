import { randomBytes } from "node:crypto";
import { freshSchema, POSTGRES_URL, type TestSchema } from "./postgres.ts";
import { startTestServer, type TestServer } from "./server.ts";

/**
 * Servers for race tests: one SQLite server, or two nodes (two in-process apps, each with its own
 * connection pool) on one PostgreSQL schema with the same master key, as behind a load balancer
 * (docs/scaling.md). Both get the same clock, which the test moves: `now()` stands still until
 * `advance(ms)`, so a lock of one second is one second however long the burst takes to send.
 */
export interface FrozenClock {
  now(): number;
  advance(ms: number): void;
}

export function frozenClock(start = Date.now()): FrozenClock {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

export interface Nodes {
  /** Two servers: the same one twice on SQLite. `node(i)` alternates between them. */
  a: TestServer;
  b: TestServer;
  node(i: number): TestServer;
  clock: FrozenClock;
  stop(): Promise<void>;
}

export async function sqliteNodes(): Promise<Nodes> {
  const clock = frozenClock();
  const a = await startTestServer({}, { clock });
  return { a, b: a, node: () => a, clock, stop: () => a.stop() };
}

export async function postgresNodes(): Promise<Nodes> {
  const clock = frozenClock();
  const schema: TestSchema = await freshSchema(POSTGRES_URL);
  // No crash durability needed in a test; skipping the commit flush keeps it fast on a busy disk.
  const url = new URL(schema.url);
  url.searchParams.set("options", "-c synchronous_commit=off");
  const shared = {
    databaseUrl: url.toString(),
    masterKey: randomBytes(32).toString("base64"),
    databasePoolSize: 8,
  };
  const a = await startTestServer(shared, { clock });
  const b = await startTestServer(shared, { clock });
  return {
    a,
    b,
    node: (i) => (i % 2 === 0 ? a : b),
    clock,
    async stop() {
      await Promise.all([a.stop(), b.stop()]);
      await schema.drop();
    },
  };
}
