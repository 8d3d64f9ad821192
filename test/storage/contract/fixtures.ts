import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type {
  ClientRecord,
  CodeRecord,
  CounterState,
  OutboxMessage,
  PoolRecord,
  RefreshTokenRecord,
  SessionRecord,
  Store,
  UserRecord,
} from "../../../src/storage/ports.ts";

/** Registers one test that gets a fresh, empty store and cleans it up afterwards. */
export type StoreTest = (title: string, body: (store: Store) => Promise<void>) => void;

/** Record builders with plausible defaults; each test overrides what it checks. */
export const poolRecord = (id: string, over: Partial<PoolRecord> = {}): PoolRecord => ({
  id,
  name: `pool ${id}`,
  config: { Policies: { PasswordPolicy: { MinimumLength: 8 } }, UsernameAttributes: ["email"] },
  createdAt: 1_700_000_000_000,
  modifiedAt: 1_700_000_000_000,
  ...over,
});

export const clientRecord = (
  poolId: string,
  clientId: string,
  over: Partial<ClientRecord> = {},
): ClientRecord => ({
  poolId,
  clientId,
  config: { ClientName: `client ${clientId}`, ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] },
  secret: null,
  createdAt: 1_700_000_000_000,
  modifiedAt: 1_700_000_000_000,
  ...over,
});

export const userRecord = (poolId: string, username: string, over: Partial<UserRecord> = {}): UserRecord => ({
  poolId,
  sub: randomUUID(),
  username,
  usernameKey: username.toLowerCase(),
  aliases: {},
  status: "CONFIRMED",
  enabled: true,
  attributes: {},
  credential: null,
  credentialSetAt: null,
  meta: {},
  createdAt: 1_700_000_000_000,
  modifiedAt: 1_700_000_000_000,
  version: 0,
  ...over,
});

export const codeRecord = (
  poolId: string,
  subject: string,
  purpose: string,
  codeHash: string,
): CodeRecord => ({
  poolId,
  subject,
  purpose,
  codeHash,
  createdAt: 1_700_000_000_000,
  expiresAt: 1_700_000_000_000 + 3_600_000,
});

export const sessionRecord = (id: string, poolId: string): SessionRecord => ({
  id,
  poolId,
  data: `sealed-state-${id}`,
  expiresAt: 1_700_000_180_000,
  usedAt: null,
});

export const refreshRecord = (
  id: string,
  poolId: string,
  sub: string,
  originJti: string,
  over: Partial<RefreshTokenRecord> = {},
): RefreshTokenRecord => ({
  id,
  poolId,
  clientId: "client1",
  sub,
  originJti,
  authTime: 1_700_000_000,
  createdAt: 1_700_000_000_000,
  expiresAt: 1_702_592_000_000,
  revokedAt: null,
  rotatedAt: null,
  retiresAt: null,
  ...over,
});

export const outboxMessage = (
  id: string,
  poolId: string,
  over: Partial<OutboxMessage> = {},
): OutboxMessage => ({
  id,
  poolId,
  username: "alice",
  sub: "sub-alice",
  medium: "EMAIL",
  destination: "alice@example.com",
  // The store keeps the messenger's sealed content opaque (src/messaging/content.ts).
  body: "v1.sealed-content",
  subject: null,
  code: null,
  sealed: true,
  purpose: "SIGN_UP",
  createdAt: 1_700_000_000_000,
  sentAt: null,
  ...over,
});

/** Resolves every promise and counts how many resolved to `value`. */
export async function countResults<T>(work: Promise<T>[], value: T): Promise<number> {
  return (await Promise.all(work)).filter((r) => r === value).length;
}

/**
 * Counts one under a rule that refuses nothing (no `max`, no `lock`): a plain counter, restarted only
 * by its window or idle time — the restart and expiry rules every claim follows.
 */
export async function count(
  s: Store,
  key: string,
  now: number,
  reset: { windowMs?: number; idleMs?: number } = {},
): Promise<CounterState> {
  const state = await s.counters.claim(key, now, reset);
  assert.ok(state, "a rule without max or lock refuses nothing");
  return state;
}
