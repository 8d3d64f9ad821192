import { pooledRandomBytes } from "../../crypto/random-pool.ts";
import type { SessionRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import type { UserState } from "../existence/index.ts";
import type { ContactProof } from "./contact-proof.ts";
import type { CustomAuthState } from "./custom-auth/flow.ts";
import { required } from "./params.ts";
import type { AuthContext, ChallengeName } from "./types.ts";

/**
 * Challenge sessions (docs/operations.md#respondtoauthchallenge): one store record per issued challenge, valid for the client's
 * AuthSessionValidity minutes (3–15, default 3) and usable once. The Session string handed to the
 * client is only the record's random id (256 bits); the state lives in the record, sealed with the
 * master key and bound to that id, so it can be neither read, forged nor moved to another record.
 */
export interface SrpState {
  A: string;
  B: string;
  b: string;
  verifier: string;
  userIdForSrp: string;
}

export interface SessionState {
  challenge: ChallengeName;
  poolId: string;
  clientId: string;
  /** The user's sub, or null on a simulated (masked) session. */
  sub: string | null;
  /** The internal username (or the simulated USER_ID_FOR_SRP). */
  username: string;
  /** The name as typed at InitiateAuth (clients may answer with it as USERNAME). */
  typed: string;
  lockKey: string;
  /** The sign-in state step 1 classified (existence table), asked again at step 2. */
  state: UserState;
  issuedAt: number;
  srp?: SrpState;
  /** CUSTOM_AUTH: the challenge history and the open challenge's private parameters. */
  custom?: CustomAuthState;
  /** MFA and device challenges (src/domain/mfa, docs/mfa.md). */
  mfa?: MfaSessionState;
  /** USER_AUTH (./user-auth/): what was offered and what the open challenge needs. */
  userAuth?: UserAuthState;
}

/** What an MFA or device challenge carries from one step to the next (src/domain/mfa). */
export interface MfaSessionState {
  /** The factors SELECT_MFA_TYPE offered, or MFA_SETUP can set up. */
  offered?: string[];
  /** MFA_SETUP: how far TOTP setup went through AssociateSoftwareToken / VerifySoftwareToken. */
  setup?: "associated" | "verified";
  /** The DEVICE_KEY the sign-in presented, checked at the device step. */
  deviceKey?: string;
  /** Where an SMS or email code went (CODE_DELIVERY_DESTINATION), echoed if the challenge is asked again. */
  destination?: string;
  /** SMS_MFA / EMAIL_OTP: the address the code went to, marked verified by a right code (../contact-proof.ts). */
  proof?: ContactProof;
  /** DEVICE_PASSWORD_VERIFIER: the server's SRP values for the device verifier. */
  deviceSrp?: { A: string; B: string; b: string; verifier: string; deviceKey: string; groupKey: string };
  /** The source the tokens will be minted for (a NEW_PASSWORD_REQUIRED answer that led to MFA). */
  source?: "TokenGeneration_Authentication" | "TokenGeneration_NewPasswordChallenge";
}

export interface UserAuthState {
  /** AvailableChallenges as shown. */
  offered: string[];
  /** The factors that are the session user's own (empty on a masked session). */
  own: string[];
  /** The open challenge answers for real (a masked name, or a factor the user lacks, never does). */
  real: boolean;
  /** EMAIL_OTP / SMS_OTP: the subject of the code row (the user's sub, or the name's decoy). */
  codeSubject?: string;
  /** EMAIL_OTP / SMS_OTP on a real session: the address the code went to (../contact-proof.ts). */
  proof?: ContactProof;
  /** WEB_AUTHN: the challenge of the request options. */
  webAuthnChallenge?: string;
}

const context = (id: string): string => `auth-session:${id}`;

export const invalidSession = () => errors.invalidSession();
export const expiredSession = () => errors.expiredSession();
export const usedSession = () => errors.usedSession();

/** Stores a new session and returns its id (the Session string). One write. */
export async function putSession(ctx: AuthContext, state: SessionState): Promise<string> {
  const id = pooledRandomBytes(32).toString("base64url");
  const record: SessionRecord = {
    id,
    poolId: ctx.pool.id,
    data: ctx.services.box.seal(JSON.stringify(state), context(id)),
    expiresAt: ctx.now + ctx.clientConfig.AuthSessionValidity * 60_000,
    usedAt: null,
  };
  await ctx.services.store.sessions.put(record);
  return id;
}

/** Reads and checks a session without using it up (so a policy failure can be retried, docs/operations.md#respondtoauthchallenge). */
export async function peekSession(
  ctx: AuthContext,
  id: string,
  challenge: ChallengeName,
): Promise<SessionState> {
  return check(ctx, await ctx.services.store.sessions.get(id), challenge);
}

/** Uses the session up atomically; a second caller gets `… session can only be used once.` */
export async function takeSession(
  ctx: AuthContext,
  id: string,
  challenge: ChallengeName,
): Promise<SessionState> {
  return check(ctx, await ctx.services.store.sessions.consume(id, ctx.now), challenge);
}

/** Whom a step is for, as its session records it (the rest of SessionState comes from the context). */
export type StepSubject = Pick<SessionState, "sub" | "username" | "typed" | "lockKey" | "state">;

/** What a step carries to the next one: its flow's own part of the state. */
export type StepCarry = Pick<SessionState, "srp" | "custom" | "mfa" | "userAuth">;

/**
 * Opens the session of a new challenge step (USER_AUTH, MFA, device steps): the pool, the client and
 * the time from the context, the subject as given, the flow's carry. One write; returns the Session.
 */
export function openStep(
  ctx: AuthContext,
  challenge: ChallengeName,
  who: StepSubject,
  carry: StepCarry = {},
): Promise<string> {
  return putSession(ctx, {
    challenge,
    poolId: ctx.pool.id,
    clientId: ctx.client.clientId,
    sub: who.sub,
    username: who.username,
    typed: who.typed,
    lockKey: who.lockKey,
    state: who.state,
    issuedAt: ctx.now,
    ...carry,
  });
}

/** A challenge answer's session, opened: the Session string and what it holds. */
export interface ResumedStep {
  id: string;
  state: SessionState;
}

/**
 * Opens the session a challenge answer names, once: a missing Session, one of another challenge,
 * pool or client, a used or expired one, or one issued for another USERNAME (the user's name or the
 * name as typed) answers the session errors. `take` uses it up (single-use steps); `peek` only reads
 * it, so a wrong code can be typed again on it (docs/operations.md#respondtoauthchallenge).
 */
export async function resumeStep(
  ctx: AuthContext,
  challenge: ChallengeName,
  responses: Record<string, string>,
  sessionId: string | undefined,
  use: "peek" | "take" = "peek",
): Promise<ResumedStep> {
  const username = required(responses, "USERNAME");
  if (sessionId === undefined) throw invalidSession();
  const state =
    use === "take"
      ? await takeSession(ctx, sessionId, challenge)
      : await peekSession(ctx, sessionId, challenge);
  if (username !== state.username && username !== state.typed) throw invalidSession();
  return { id: sessionId, state };
}

/**
 * The pool and client a Session belongs to, or null when it names no session of ours. For the
 * operations that take a Session without a ClientId (AssociateSoftwareToken, VerifySoftwareToken);
 * the session is then checked in full by `peekSession` / `takeSession` in that client's context.
 */
export async function sessionOwner(
  services: Pick<AuthContext["services"], "box" | "store">,
  id: string,
): Promise<{ poolId: string; clientId: string } | null> {
  const record = await services.store.sessions.get(id);
  if (!record) return null;
  const plain = services.box.openString(record.data, context(record.id));
  if (plain === null) return null;
  const state = JSON.parse(plain) as SessionState;
  return { poolId: state.poolId, clientId: state.clientId };
}

function check(ctx: AuthContext, record: SessionRecord | null, challenge: ChallengeName): SessionState {
  if (!record || record.poolId !== ctx.pool.id) throw invalidSession();
  const plain = ctx.services.box.openString(record.data, context(record.id));
  if (plain === null) throw invalidSession();
  const state = JSON.parse(plain) as SessionState;
  if (state.clientId !== ctx.client.clientId || state.challenge !== challenge) throw invalidSession();
  if (record.usedAt !== null) throw usedSession();
  if (ctx.now >= record.expiresAt) throw expiredSession();
  return state;
}
