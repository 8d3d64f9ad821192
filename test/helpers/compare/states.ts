import assert from "node:assert/strict";
import {
  AdminResetUserPasswordCommand,
  ForgotPasswordCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { UserStatus } from "../../../src/storage/ports.ts";
import { nameValues, putUser } from "../fixtures.ts";
import type { TestServer } from "../server.ts";
import type { NameSlot, Target } from "./pools.ts";

/**
 * The account states a known name is compared in. Each `prepare` puts the known user into its state
 * the way it happens in use (SignUp, ForgotPassword, AdminResetUserPassword through the SDK) or, for
 * states the API reaches only slowly, straight into the store; then checks the state holds. The
 * unknown name is never prepared: whatever the owner of a real account did is invisible to a caller.
 */
export type StateId =
  | "confirmed"
  | "confirmed-live-reset-code"
  | "unconfirmed"
  | "unconfirmed-expired-code"
  | "disabled"
  | "reset-required"
  | "reset-required-live-code"
  | "force-change-password"
  | "no-verified-contact";

export const PASSWORD = "Passw0rd!";
export const WRONG_PASSWORD = "Wr0ng-Passw0rd!";
export const NEW_PASSWORD = "N3w-Passw0rd!";
const DAY = 24 * 60 * 60 * 1000;

export interface AccountState {
  id: StateId;
  prepare(s: TestServer, t: Target, slot: NameSlot): Promise<void>;
}

/** The slot's attributes with the contact marked verified (or not). */
function attributes(t: Target, slot: NameSlot, verified: boolean): Record<string, string> {
  return { ...slot.attributes, [`${t.kind.contact}_verified`]: String(verified) };
}

async function stored(
  s: TestServer,
  t: Target,
  slot: NameSlot,
  spec: { status?: UserStatus; enabled?: boolean; verified?: boolean },
): Promise<string> {
  const user = await putUser(s, t.poolId, {
    ...(slot.username === undefined ? {} : { username: slot.username }),
    status: spec.status ?? "CONFIRMED",
    enabled: spec.enabled ?? true,
    attributes: attributes(t, slot, spec.verified ?? true),
    password: PASSWORD,
  });
  return user.sub;
}

async function liveCode(s: TestServer, t: Target, sub: string, purpose: string): Promise<void> {
  const code = await s.app.services.store.codes.get(t.poolId, sub, purpose);
  assert.ok(code && code.expiresAt > s.app.services.clock.now(), `no live ${purpose} code for ${sub}`);
}

async function signUp(s: TestServer, t: Target, slot: NameSlot): Promise<string> {
  const out = await s.client.send(
    new SignUpCommand({
      ClientId: t.clientId,
      Username: slot.username ?? slot.typed,
      Password: PASSWORD,
      UserAttributes: nameValues(slot.attributes),
    }),
  );
  assert.ok(out.UserSub);
  await liveCode(s, t, out.UserSub, "SIGN_UP");
  return out.UserSub;
}

export const STATES: readonly AccountState[] = [
  { id: "confirmed", prepare: async (s, t, slot) => void (await stored(s, t, slot, {})) },
  {
    id: "confirmed-live-reset-code",
    prepare: async (s, t, slot) => {
      const sub = await stored(s, t, slot, {});
      await s.client.send(new ForgotPasswordCommand({ ClientId: t.clientId, Username: slot.typed }));
      await liveCode(s, t, sub, "FORGOT_PASSWORD");
    },
  },
  { id: "unconfirmed", prepare: async (s, t, slot) => void (await signUp(s, t, slot)) },
  {
    id: "unconfirmed-expired-code",
    prepare: async (s, t, slot) => {
      const sub = await signUp(s, t, slot);
      // A sign-up code lives 24 hours (docs/existence.md#codes); this one was sent 25 hours ago.
      const { store, clock } = s.app.services;
      const code = await store.codes.get(t.poolId, sub, "SIGN_UP");
      assert.ok(code);
      await store.codes.put({
        ...code,
        createdAt: clock.now() - DAY - 3_600_000,
        expiresAt: clock.now() - 3_600_000,
      });
    },
  },
  { id: "disabled", prepare: async (s, t, slot) => void (await stored(s, t, slot, { enabled: false })) },
  {
    id: "reset-required",
    // As after a CSV import: RESET_REQUIRED, no code outstanding.
    prepare: async (s, t, slot) => void (await stored(s, t, slot, { status: "RESET_REQUIRED" })),
  },
  {
    id: "reset-required-live-code",
    prepare: async (s, t, slot) => {
      const sub = await stored(s, t, slot, {});
      const Username = slot.username ?? slot.typed;
      await s.client.send(new AdminResetUserPasswordCommand({ UserPoolId: t.poolId, Username }));
      await liveCode(s, t, sub, "FORGOT_PASSWORD");
    },
  },
  {
    id: "force-change-password",
    prepare: async (s, t, slot) => void (await stored(s, t, slot, { status: "FORCE_CHANGE_PASSWORD" })),
  },
  {
    id: "no-verified-contact",
    prepare: async (s, t, slot) => void (await stored(s, t, slot, { verified: false })),
  },
];

export const state = (id: StateId): AccountState => {
  const st = STATES.find((x) => x.id === id);
  if (!st) throw new Error(`no state ${id}`);
  return st;
};
