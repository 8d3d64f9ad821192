/**
 * Direct seeding for the sign-in benches: creates a pool, an app client and N CONFIRMED users with
 * permanent passwords by calling the operation handlers and the storage ports in-process on the data
 * directory, BEFORE the benchmarked server starts on it. Creating 100,000 users through the API
 * (AdminCreateUser + AdminSetUserPassword) takes minutes; this path writes the same records
 * (newUserRecord + sealCredential, i.e. a real SRP verifier per user, sealed with the data
 * directory's master key) without HTTP. Only the seeding takes this shortcut: every measured request
 * goes through the server's public API.
 */
import { startApp } from "../../src/app.ts";
import { sealCredential } from "../../src/domain/users/credentials.ts";
import { newUserRecord } from "../../src/domain/users/new-user.ts";
import { createUserPool } from "../../src/operations/create-user-pool.ts";
import { createUserPoolClient } from "../../src/operations/create-user-pool-client.ts";
import type { Store, UserRecord } from "../../src/storage/ports.ts";
import { testConfig } from "../../test/helpers/test-config.ts";

export const BENCH_PASSWORD = "Bench-Passw0rd!";

/** `user0000042`: every name the same length, so no class differs by name length. */
export const benchName = (i: number): string => `user${String(i).padStart(7, "0")}`;

export interface Seeded {
  poolId: string;
  /** ENABLED client allowing USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, SRP and refresh. */
  clientId: string;
}

/**
 * `00000000-0000-4000-8000-00000000002a`: UUID-shaped names (Cognito's advice for USER_SRP_AUTH with
 * PreventUserExistenceErrors, docs/operations.md#initiateauth): a real user's USER_ID_FOR_SRP then has the simulated one's
 * length, so the two answers have equal sizes.
 */
export const uuidName = (i: number, variant = "8"): string =>
  `00000000-0000-4000-${variant}000-${i.toString(16).padStart(12, "0")}`;

export interface SeedPool {
  /** UserPoolTags, e.g. `{ "hushpool:existence-profile": "strict" }` (docs/existence.md). */
  tags?: Record<string, string>;
  /** More CreateUserPool members (e.g. `Policies.SignInPolicy` for USER_AUTH). */
  settings?: Record<string, unknown>;
  /** The client's ExplicitAuthFlows, in place of the password, SRP and refresh flows. */
  authFlows?: (
    | "ALLOW_USER_AUTH"
    | "ALLOW_USER_PASSWORD_AUTH"
    | "ALLOW_USER_SRP_AUTH"
    | "ALLOW_REFRESH_TOKEN_AUTH"
  )[];
  /** Each user's attributes (none by default). */
  attributes?: (name: string) => Record<string, string>;
  /** Runs after each user is written, on the same store (e.g. to add a passkey). */
  withUser?: (user: UserRecord, store: Store) => Promise<void>;
}

export async function seedUsers(
  dataDir: string,
  users: number,
  log = (s: string) => console.log(s),
  name: (i: number) => string = benchName,
  poolOptions: SeedPool = {},
): Promise<Seeded> {
  const app = await startApp(testConfig({ data: dataDir }));
  const s = app.services;
  const ctx = { requestId: "seed", log: s.log, remoteAddress: "127.0.0.1" };
  try {
    const { UserPool } = (await createUserPool.handle(
      {
        PoolName: "bench",
        ...poolOptions.settings,
        ...(poolOptions.tags ? { UserPoolTags: poolOptions.tags } : {}),
      },
      s,
      ctx,
    )) as {
      UserPool: { Id: string };
    };
    const { UserPoolClient } = (await createUserPoolClient.handle(
      {
        UserPoolId: UserPool.Id,
        ClientName: "bench",
        PreventUserExistenceErrors: "ENABLED",
        ExplicitAuthFlows: poolOptions.authFlows ?? [
          "ALLOW_USER_PASSWORD_AUTH",
          "ALLOW_ADMIN_USER_PASSWORD_AUTH",
          "ALLOW_USER_SRP_AUTH",
          "ALLOW_REFRESH_TOKEN_AUTH",
        ],
      },
      s,
      ctx,
    )) as { UserPoolClient: { ClientId: string } };
    const pool = await s.store.pools.get(UserPool.Id);
    if (!pool) throw new Error("seed: pool missing");
    const started = Date.now();
    for (let i = 0; i < users; i++) {
      const u = newUserRecord({
        pool,
        username: name(i),
        attributes: poolOptions.attributes?.(name(i)) ?? {},
        status: "CONFIRMED",
        now: Date.now(),
      });
      const user = {
        ...u,
        credential: sealCredential(s.box, u, BENCH_PASSWORD),
        credentialSetAt: Date.now(),
      };
      await s.store.users.create(user);
      await poolOptions.withUser?.(user, s.store);
      if ((i + 1) % 20000 === 0)
        log(`  seeded ${i + 1} users (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    log(
      `seeded ${users} users directly through the store ports in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return { poolId: UserPool.Id, clientId: UserPoolClient.ClientId };
  } finally {
    await app.close();
  }
}
