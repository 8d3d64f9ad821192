import { randomBytes } from "node:crypto";
import { type RegistrationResponseJSON, verifyRegistrationResponse } from "@simplewebauthn/server";
import type { Services } from "../../services.ts";
import type { PoolRecord, UserRecord } from "../../storage/ports.ts";
import { UniqueViolation } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { originAllowed, relyingParty } from "./config.ts";
import { friendlyName } from "./view.ts";

/**
 * Passkey registration (docs/passkeys.md#registration): StartWebAuthnRegistration hands out
 * PublicKeyCredentialCreationOptions shaped like Cognito's (the AWS CLI reference's sample of
 * start-web-auth-n-registration) and remembers the challenge; CompleteWebAuthnRegistration verifies
 * the RegistrationResponseJSON with @simplewebauthn/server against that challenge, the pool's RP ID,
 * the allowed origins and the pool's user verification, and stores the credential.
 *
 * The challenge is remembered as a challenge session whose id IS the challenge (256 random bits, like
 * every session id): the credential's clientDataJSON names it, so Complete, which carries no Session,
 * finds it, and uses it up once. Its state (user, client) is sealed with the master key.
 */
export type RegistrationDeps = Pick<Services, "box" | "clock" | "store">;

/** How long a registration challenge stays usable: the options' 60 s timeout, with room to spare (decision). */
export const REGISTRATION_TTL_MS = 5 * 60_000;
const TIMEOUT_MS = 60_000;
/** ES256 and RS256, the algorithms Cognito offers. */
const ALGORITHMS = [-7, -257];
/** Cognito's limit of passkeys per user (https://docs.aws.amazon.com/cognito/latest/developerguide/limits.html, inferred: 20). */
export const MAX_PASSKEYS = 20;

const context = (id: string) => `webauthn-registration:${id}`;

interface RegistrationState {
  poolId: string;
  sub: string;
  clientId: string;
}

export async function startRegistration(
  deps: RegistrationDeps,
  args: { pool: PoolRecord; user: UserRecord; clientId: string },
): Promise<Record<string, unknown>> {
  const { pool, user } = args;
  const rp = relyingParty(pool);
  const existing = await deps.store.passkeys.listFor(pool.id, user.sub);
  if (existing.length >= MAX_PASSKEYS) throw errors.passkeyLimit();
  const challenge = randomBytes(32).toString("base64url");
  const now = deps.clock.now();
  const state: RegistrationState = { poolId: pool.id, sub: user.sub, clientId: args.clientId };
  await deps.store.sessions.put({
    id: challenge,
    poolId: pool.id,
    data: deps.box.seal(JSON.stringify(state), context(challenge)),
    expiresAt: now + REGISTRATION_TTL_MS,
    usedAt: null,
  });
  return {
    authenticatorSelection: {
      requireResidentKey: true,
      residentKey: "required",
      userVerification: rp.userVerification,
    },
    challenge,
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, type: "public-key" })),
    pubKeyCredParams: ALGORITHMS.map((alg) => ({ alg, type: "public-key" })),
    rp: { id: rp.id, name: rp.id },
    timeout: TIMEOUT_MS,
    user: {
      displayName: user.username,
      id: Buffer.from(user.sub, "utf8").toString("base64url"),
      name: user.username,
    },
  };
}

/** The clientDataJSON members a check needs before the library runs (challenge, origin). */
function clientData(credential: unknown): { challenge: string; origin: string } | null {
  try {
    const c = credential as { response?: { clientDataJSON?: unknown } };
    const raw = c.response?.clientDataJSON;
    if (typeof raw !== "string" || raw.length > 8192) return null;
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof parsed.challenge !== "string" || typeof parsed.origin !== "string") return null;
    return { challenge: parsed.challenge, origin: parsed.origin };
  } catch {
    return null;
  }
}

export async function completeRegistration(
  deps: RegistrationDeps,
  args: { pool: PoolRecord; user: UserRecord; clientId: string; credential: unknown },
): Promise<void> {
  const { pool, user } = args;
  const rp = relyingParty(pool);
  const data = clientData(args.credential);
  if (!data || !/^[A-Za-z0-9_-]{43}$/.test(data.challenge)) throw errors.webAuthnChallengeNotFound();
  const record = await deps.store.sessions.consume(data.challenge, deps.clock.now());
  const plain = record ? deps.box.openString(record.data, context(record.id)) : null;
  if (!record || plain === null || record.usedAt !== null || record.expiresAt <= deps.clock.now()) {
    throw errors.webAuthnChallengeNotFound();
  }
  const state = JSON.parse(plain) as RegistrationState;
  if (state.poolId !== pool.id || state.sub !== user.sub) throw errors.webAuthnChallengeNotFound();
  if (state.clientId !== args.clientId) throw errors.webAuthnClientMismatch();
  if (!originAllowed(data.origin, rp.id)) throw errors.webAuthnOriginNotAllowed();

  const response = args.credential as RegistrationResponseJSON;
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: data.challenge,
      expectedOrigin: data.origin,
      expectedRPID: rp.id,
      requireUserVerification: rp.userVerification === "required",
      supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : "";
    if (/RP ID/i.test(message)) throw errors.webAuthnRelyingPartyMismatch();
    throw errors.webAuthnCredentialNotSupported();
  }
  if (!verified.verified) throw errors.webAuthnCredentialNotSupported();
  const info = verified.registrationInfo;
  const attachment =
    response.authenticatorAttachment === "platform" || response.authenticatorAttachment === "cross-platform"
      ? response.authenticatorAttachment
      : null;
  const transports = (response.response.transports ?? []).filter((t) => typeof t === "string").slice(0, 8);
  try {
    await deps.store.passkeys.add({
      poolId: pool.id,
      sub: user.sub,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
      signCount: info.credential.counter,
      transports,
      attachment,
      friendlyName: friendlyName(attachment),
      rpId: rp.id,
      createdAt: deps.clock.now(),
    });
  } catch (e) {
    // The same authenticator registered twice (excludeCredentials should have stopped it).
    if (e instanceof UniqueViolation) throw errors.webAuthnCredentialNotSupported();
    throw e;
  }
}
