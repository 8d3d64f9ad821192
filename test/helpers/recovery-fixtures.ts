import assert from "node:assert/strict";
import {
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Mode } from "../../src/domain/existence/index.ts";
import { poolConfig } from "../../src/domain/pools/pool.ts";
import { sealCredential } from "../../src/domain/users/credentials.ts";
import { newUserRecord } from "../../src/domain/users/new-user.ts";
import { foldKey } from "../../src/domain/users/username.ts";
import type { OutboxMessage, UserRecord, UserStatus } from "../../src/storage/ports.ts";
import type { TestServer } from "./server.ts";

/** Fixtures for the sign-up and recovery tests: pools, clients per mode, users in any state. */

export const MODES: readonly Mode[] = ["LEGACY", "ENABLED"];

export async function createPool(
  s: TestServer,
  settings: Partial<CreateUserPoolCommandInput> = {},
): Promise<string> {
  const out = await s.client.send(new CreateUserPoolCommand({ PoolName: "recovery", ...settings }));
  assert.ok(out.UserPool?.Id);
  return out.UserPool.Id;
}

export async function createClient(
  s: TestServer,
  poolId: string,
  mode: Mode,
  extra: Partial<CreateUserPoolClientCommandInput> = {},
): Promise<string> {
  const out = await s.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: `client-${mode}`,
      PreventUserExistenceErrors: mode,
      ...extra,
    }),
  );
  assert.ok(out.UserPoolClient?.ClientId);
  return out.UserPoolClient.ClientId;
}

/** A pool with one client per mode. */
export interface PoolWithClients {
  poolId: string;
  clients: Record<Mode, string>;
}

export async function poolWithClients(
  s: TestServer,
  settings: Partial<CreateUserPoolCommandInput> = {},
): Promise<PoolWithClients> {
  const poolId = await createPool(s, settings);
  return {
    poolId,
    clients: {
      LEGACY: await createClient(s, poolId, "LEGACY"),
      ENABLED: await createClient(s, poolId, "ENABLED"),
    },
  };
}

export interface UserSpec {
  /** Ignored in pools with UsernameAttributes (the username is the sub there). */
  username?: string;
  status?: UserStatus;
  enabled?: boolean;
  attributes?: Record<string, string>;
  password?: string;
}

/** Writes a user in exactly the given state straight into the store (setup only; calls go through the SDK). */
export async function putUser(s: TestServer, poolId: string, spec: UserSpec): Promise<UserRecord> {
  const { store, box, clock } = s.app.services;
  const pool = await store.pools.get(poolId);
  assert.ok(pool);
  const draft = newUserRecord({
    pool,
    ...(spec.username === undefined ? {} : { username: spec.username }),
    attributes: spec.attributes ?? {},
    status: spec.status ?? "CONFIRMED",
    now: clock.now(),
  });
  const user: UserRecord = {
    ...draft,
    enabled: spec.enabled ?? true,
    credential: sealCredential(box, draft, spec.password ?? "Passw0rd!"),
    credentialSetAt: clock.now(),
  };
  await store.users.create(user);
  return user;
}

/** The stored user by internal username. */
export async function getUser(s: TestServer, poolId: string, username: string): Promise<UserRecord | null> {
  const pool = await s.app.services.store.pools.get(poolId);
  assert.ok(pool);
  return s.app.services.store.users.findByUsername(poolId, foldKey(poolConfig(pool), username));
}

/** Changes a stored user (e.g. disables it after a code was sent). */
export async function patchUser(s: TestServer, user: UserRecord, patch: Partial<UserRecord>): Promise<void> {
  assert.ok(await s.app.services.store.users.save({ ...user, ...patch }));
}

/** Messages for one internal username, read the way developers do: GET /_hushpool/messages. */
export async function messages(s: TestServer, poolId: string, username: string): Promise<OutboxMessage[]> {
  const res = await fetch(
    `${s.url}/_hushpool/messages?poolId=${encodeURIComponent(poolId)}&username=${encodeURIComponent(username)}`,
  );
  assert.equal(res.status, 200);
  const body = (await res.json()) as { Messages: OutboxMessage[] };
  return body.Messages;
}

/** The code of the newest message with this purpose. */
export async function lastCode(
  s: TestServer,
  poolId: string,
  username: string,
  purpose: string,
): Promise<string> {
  const list = (await messages(s, poolId, username)).filter((m) => m.purpose === purpose);
  const code = list.at(-1)?.code;
  assert.ok(code, `no ${purpose} code for ${username}`);
  return code;
}

/** A settled SDK call: its output or its error. */
export type Settled =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; name: string; message: string };

export async function settle(p: Promise<object>): Promise<Settled> {
  try {
    return { ok: true, value: (await p) as Record<string, unknown> };
  } catch (e) {
    const err = e as { name?: string; message?: string };
    return { ok: false, name: err.name ?? "", message: err.message ?? "" };
  }
}

export function expectError(r: Settled, name: string, message: string): void {
  assert.equal(r.ok, false, `expected ${name}, got success`);
  if (r.ok) return;
  assert.deepEqual({ name: r.name, message: r.message }, { name, message });
}

export function expectOk(r: Settled): Record<string, unknown> {
  if (!r.ok) assert.fail(`expected success, got ${r.name}: ${r.message}`);
  return r.value;
}

let counter = 0;
/** A fresh name per call, so tests never share users or attempt counters. */
export const uniq = (prefix: string): string => `${prefix}${++counter}${Date.now().toString(36)}`;
