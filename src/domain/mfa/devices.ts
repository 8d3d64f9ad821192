import { randomUUID } from "node:crypto";
import type { SecretBox } from "../../crypto/secret-box.ts";
import { N, parseHex, startServerSession, validateA, verifyPasswordClaim } from "../../srp/index.ts";
import type { DeviceRecord, PoolRecord, Store, UserRecord } from "../../storage/ports.ts";
import { required } from "../auth-flows/params.ts";
import { refuse } from "../auth-flows/screen.ts";
import { openSecretBlock, sealSecretBlock } from "../auth-flows/secret-block.ts";
import {
  invalidSession,
  type MfaSessionState,
  openStep,
  resumeStep,
  type SessionState,
  type StepSubject,
  takeSession,
} from "../auth-flows/session.ts";
import { issueTokens } from "../auth-flows/tokens.ts";
import type { AuthContext, AuthOutcome } from "../auth-flows/types.ts";
import { errors } from "../errors/index.ts";
import { poolConfig } from "../pools/pool.ts";
import type { TokenGenerationSource } from "../sign-in-types.ts";

/**
 * Device tracking ("remembered devices", docs/mfa.md#remembered-devices;
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html).
 * A pool tracks devices once its DeviceConfiguration has any member. Every sign-in that ends in tokens
 * without proving a tracked device registers a new one and announces it as NewDeviceMetadata; the
 * client then sends ConfirmDevice with an SRP verifier of a random device password it keeps. Later
 * sign-ins that present the device's DEVICE_KEY end with DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER,
 * the same SRP exchange as USER_SRP_AUTH with the device group key as the "pool name" and the device
 * key as the user name, exactly as amazon-cognito-identity-js and Amplify compute it (src/srp/).
 */
export interface DeviceTracking {
  challengeRequiredOnNewDevice: boolean;
  onlyRememberedOnUserPrompt: boolean;
}

export function deviceTracking(pool: PoolRecord): DeviceTracking | null {
  const d = poolConfig(pool).DeviceConfiguration;
  if (
    !d ||
    (d.ChallengeRequiredOnNewDevice === undefined && d.DeviceOnlyRememberedOnUserPrompt === undefined)
  ) {
    return null;
  }
  return {
    challengeRequiredOnNewDevice: d.ChallengeRequiredOnNewDevice === true,
    onlyRememberedOnUserPrompt: d.DeviceOnlyRememberedOnUserPrompt === true,
  };
}

/** One device group key per user, derived (no write): `-` and 8 base64url characters, like Cognito's. */
export function deviceGroupKey(
  secrets: { macHex(purpose: string, ...parts: string[]): string },
  poolId: string,
  sub: string,
): string {
  return `-${Buffer.from(secrets.macHex("device-group", poolId, sub), "hex")
    .toString("base64url")
    .slice(0, 8)}`;
}

const verifierContext = (poolId: string, deviceKey: string): string => `device:${poolId}:${deviceKey}`;

interface DeviceVerifier {
  salt: string;
  verifier: string;
}

function openVerifier(box: SecretBox, d: DeviceRecord): DeviceVerifier | null {
  if (d.verifier === null) return null;
  const plain = box.openString(d.verifier, verifierContext(d.poolId, d.deviceKey));
  return plain === null ? null : (JSON.parse(plain) as DeviceVerifier);
}

/** The user's confirmed device with this key, or null (unknown, forgotten, unconfirmed, another user's). */
async function confirmedDevice(store: Store, pool: PoolRecord, user: UserRecord, key: string | undefined) {
  if (!key) return null;
  const d = await store.mfa.getDevice(pool.id, key);
  return d && d.sub === user.sub && d.verifier !== null ? d : null;
}

/**
 * A remembered device skips MFA when the pool says ChallengeRequiredOnNewDevice (DeviceConfigurationType:
 * "a remembered device can sign in with device authentication instead of SMS and TOTP factors"); the
 * device SRP step then proves the device.
 */
export async function deviceSkipsMfa(
  ctx: AuthContext,
  user: UserRecord,
  key: string | undefined,
): Promise<boolean> {
  const tracking = deviceTracking(ctx.pool);
  if (!tracking?.challengeRequiredOnNewDevice) return false;
  const d = await confirmedDevice(ctx.services.store, ctx.pool, user, key);
  return d?.remembered === true;
}

/**
 * The device step at the end of every successful sign-in: a confirmed device presented → DEVICE_SRP_AUTH;
 * otherwise tokens, with a newly registered device when the pool tracks devices. An unknown or forgotten
 * DEVICE_KEY is treated as no key (decision: the sign-in goes on as from a new device; docs/mfa.md).
 */
export async function finishSignIn(
  ctx: AuthContext,
  user: UserRecord,
  first: ProvenFirst,
): Promise<AuthOutcome> {
  if (!deviceTracking(ctx.pool)) return issueTokens(ctx, user, first.source);
  const known = await confirmedDevice(ctx.services.store, ctx.pool, user, first.deviceKey);
  if (known) {
    const session = await openStep(ctx, "DEVICE_SRP_AUTH", mfaSubject(user, first), {
      mfa: mfaCarry(first, {}),
    });
    return { kind: "challenge", name: "DEVICE_SRP_AUTH", session, parameters: {} };
  }
  const key = `${ctx.pool.id.slice(0, ctx.pool.id.indexOf("_"))}_${randomUUID()}`;
  await ctx.services.store.mfa.putDevice({
    poolId: ctx.pool.id,
    deviceKey: key,
    sub: user.sub,
    groupKey: deviceGroupKey(ctx.services.secrets, ctx.pool.id, user.sub),
    verifier: null,
    remembered: false,
    name: null,
    lastIp: null,
    createdAt: ctx.now,
    modifiedAt: ctx.now,
    lastAuthenticatedAt: ctx.now,
  });
  return issueTokens(ctx, user, first.source, undefined, {
    key,
    newGroupKey: deviceGroupKey(ctx.services.secrets, ctx.pool.id, user.sub),
  });
}

/** The first factor a sign-in proved, as the MFA and device steps carry it. */
export interface ProvenFirst {
  typed: string;
  lockKey: string;
  deviceKey?: string | undefined;
  source: TokenGenerationSource;
}

/** Whom an MFA or device step is for: a real, confirmed user (these steps follow a proven first factor). */
export const mfaSubject = (user: UserRecord, first: ProvenFirst): StepSubject => ({
  sub: user.sub,
  username: user.username,
  typed: first.typed,
  lockKey: first.lockKey,
  state: "confirmed",
});

/** An MFA or device step's carry: its own values, the DEVICE_KEY presented, and the tokens' source. */
export function mfaCarry(first: ProvenFirst, own: MfaSessionState): MfaSessionState {
  return {
    ...own,
    ...(first.deviceKey !== undefined ? { deviceKey: first.deviceKey } : {}),
    source:
      first.source === "TokenGeneration_NewPasswordChallenge"
        ? first.source
        : "TokenGeneration_Authentication",
  };
}

/** The user an MFA or device session names (gone: as a deleted user's session answers). */
export async function sessionUser(ctx: AuthContext, state: SessionState): Promise<UserRecord> {
  const user = state.sub === null ? null : await ctx.services.store.users.findBySub(ctx.pool.id, state.sub);
  if (!user) refuse(ctx, "token-user-gone");
  return user;
}

/** DEVICE_SRP_AUTH: USERNAME, DEVICE_KEY, SRP_A → DEVICE_PASSWORD_VERIFIER with SALT, SRP_B, SECRET_BLOCK. */
export async function respondDeviceSrpAuth(
  ctx: AuthContext,
  responses: Record<string, string>,
  sessionId: string | undefined,
): Promise<AuthOutcome> {
  required(responses, "USERNAME");
  const deviceKey = required(responses, "DEVICE_KEY");
  const A = required(responses, "SRP_A");
  if (!validateA(A)) throw errors.invalidSrpA();
  const { id, state } = await resumeStep(ctx, "DEVICE_SRP_AUTH", responses, sessionId);
  if (deviceKey !== state.mfa?.deviceKey) throw invalidSession();
  const user = await sessionUser(ctx, state);
  const device = await confirmedDevice(ctx.services.store, ctx.pool, user, deviceKey);
  const v = device ? openVerifier(ctx.services.box, device) : null;
  if (!device || !v) throw errors.deviceNotFound();
  await takeSession(ctx, id, "DEVICE_SRP_AUTH");
  const { b, B } = startServerSession(v.verifier);
  const next = await openStep(ctx, "DEVICE_PASSWORD_VERIFIER", state, {
    mfa: { ...state.mfa, deviceSrp: { A, B, b, verifier: v.verifier, deviceKey, groupKey: device.groupKey } },
  });
  return {
    kind: "challenge",
    name: "DEVICE_PASSWORD_VERIFIER",
    session: next,
    parameters: {
      DEVICE_KEY: deviceKey,
      SALT: v.salt,
      SECRET_BLOCK: sealSecretBlock(ctx.services.box, next, ctx.pool.id, ctx.client.clientId),
      SRP_B: B,
      USERNAME: user.username,
    },
  };
}

/**
 * DEVICE_PASSWORD_VERIFIER: the device's proof, checked like PASSWORD_VERIFIER's with the device group
 * key and device key in place of the pool name and user name; a wrong proof answers `Incorrect username
 * or password.` Success: tokens with the device's key in the access token, no NewDeviceMetadata.
 */
export async function respondDevicePasswordVerifier(
  ctx: AuthContext,
  responses: Record<string, string>,
  sessionId: string | undefined,
): Promise<AuthOutcome> {
  const username = required(responses, "USERNAME");
  const block = required(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
  const signature = required(responses, "PASSWORD_CLAIM_SIGNATURE");
  const timestamp = required(responses, "TIMESTAMP");
  const deviceKey = required(responses, "DEVICE_KEY");
  const fromBlock = openSecretBlock(ctx.services.box, block, ctx.pool.id, ctx.client.clientId);
  const id = sessionId ?? fromBlock;
  if (id === null || id === undefined || (fromBlock !== null && fromBlock !== id)) throw invalidSession();
  const state = await takeSession(ctx, id, "DEVICE_PASSWORD_VERIFIER");
  const srp = state.mfa?.deviceSrp;
  if (!srp || srp.deviceKey !== deviceKey) throw invalidSession();
  const user = await sessionUser(ctx, state);
  const proven = verifyPasswordClaim(
    {
      poolName: srp.groupKey,
      userIdForSrp: srp.deviceKey,
      secretBlock: Buffer.from(block, "base64"),
      timestamp,
      A: srp.A,
      B: srp.B,
      b: srp.b,
      verifier: srp.verifier,
    },
    signature,
  );
  const nameOk = username === state.username || username === state.typed;
  const device = await confirmedDevice(ctx.services.store, ctx.pool, user, deviceKey);
  if (!proven || !nameOk || !device) throw errors.incorrectCredentials();
  await ctx.services.store.mfa.updateDevice({ ...device, lastAuthenticatedAt: ctx.now, modifiedAt: ctx.now });
  return issueTokens(ctx, user, state.mfa?.source ?? "TokenGeneration_Authentication", undefined, {
    key: deviceKey,
  });
}

/** The user's device for a device operation (tracking on; the device theirs), else the Cognito refusal. */
export async function requireDevice(
  store: Store,
  pool: PoolRecord,
  user: UserRecord,
  deviceKey: string,
): Promise<DeviceRecord> {
  if (!deviceTracking(pool)) throw errors.deviceTrackingOff();
  const d = await store.mfa.getDevice(pool.id, deviceKey);
  // Another user's key answers like an unknown one, so keys of other users cannot be probed.
  if (!d || d.sub !== user.sub) throw errors.deviceNotFound();
  return d;
}

/**
 * ConfirmDevice: stores the device's SRP verifier (DeviceSecretVerifierConfig: base64 of the salt's and
 * the verifier's bytes, as the clients send them), sealed; the device is remembered at once unless the
 * pool remembers devices only on the user's prompt (then UserConfirmationNecessary is true and the app
 * calls UpdateDeviceStatus).
 */
export async function confirmDevice(
  deps: { box: SecretBox; store: Store },
  pool: PoolRecord,
  user: UserRecord,
  args: {
    deviceKey: string;
    salt?: string | undefined;
    verifier?: string | undefined;
    name?: string | undefined;
    now: number;
  },
): Promise<{ UserConfirmationNecessary: boolean }> {
  const d = await requireDevice(deps.store, pool, user, args.deviceKey);
  if (d.verifier !== null) throw errors.deviceAlreadyConfirmed();
  const salt = Buffer.from(args.salt ?? "", "base64").toString("hex");
  const verifier = Buffer.from(args.verifier ?? "", "base64").toString("hex");
  const v = parseHex(verifier);
  if (salt.length === 0 || salt.length > 128 || v === null || v % N === 0n)
    throw errors.invalidDeviceVerifier();
  const onPrompt = deviceTracking(pool)?.onlyRememberedOnUserPrompt === true;
  const sealed = deps.box.seal(
    JSON.stringify({ salt, verifier } satisfies DeviceVerifier),
    verifierContext(pool.id, d.deviceKey),
  );
  await deps.store.mfa.updateDevice({
    ...d,
    verifier: sealed,
    remembered: !onPrompt,
    name: args.name ?? null,
    modifiedAt: args.now,
  });
  return { UserConfirmationNecessary: onPrompt };
}

/** DeviceType. GetDevice adds the `dev:` attributes the console shows; ListDevices the plain ones. */
export function renderDevice(
  pool: PoolRecord,
  user: UserRecord,
  d: DeviceRecord,
  detail: boolean,
): Record<string, unknown> {
  const attributes = [
    { Name: "device_status", Value: "valid" },
    ...(d.name !== null ? [{ Name: "device_name", Value: d.name }] : []),
    ...(d.lastIp !== null ? [{ Name: "last_ip_used", Value: d.lastIp }] : []),
    ...(detail
      ? [
          { Name: "dev:device_remembered_status", Value: d.remembered ? "remembered" : "not_remembered" },
          { Name: "dev:device_owner", Value: `${user.username}.${pool.id}` },
        ]
      : []),
  ];
  return {
    DeviceKey: d.deviceKey,
    DeviceAttributes: attributes,
    DeviceCreateDate: d.createdAt / 1000,
    DeviceLastModifiedDate: d.modifiedAt / 1000,
    DeviceLastAuthenticatedDate: d.lastAuthenticatedAt / 1000,
  };
}

/** ListDevices' page: confirmed devices only (decision: unconfirmed ones never became tracked), by key. */
export async function listDevices(
  store: Store,
  pool: PoolRecord,
  user: UserRecord,
  limit: number | undefined,
  token: string | undefined,
): Promise<Record<string, unknown>> {
  if (!deviceTracking(pool)) throw errors.deviceTrackingOff();
  const size = limit && limit > 0 ? limit : 60;
  const out: DeviceRecord[] = [];
  let after = token;
  let more = false;
  // Unconfirmed rows are skipped; read in pages until this page is full or the user has no more.
  for (;;) {
    const batch = await store.mfa.listDevices(pool.id, user.sub, size + 1, after);
    for (const d of batch) {
      if (d.verifier === null) continue;
      if (out.length === size) {
        more = true;
        break;
      }
      out.push(d);
    }
    if (more || batch.length < size + 1) break;
    after = batch.at(-1)?.deviceKey;
  }
  return {
    Devices: out.map((d) => renderDevice(pool, user, d, false)),
    ...(more ? { PaginationToken: out.at(-1)?.deviceKey } : {}),
  };
}
