import { randomBytes } from "node:crypto";
import type { SecretBox } from "../../crypto/secret-box.ts";
import type { ServerSecrets } from "../../crypto/server-secrets.ts";
import type { Probe } from "../../probe.ts";
import { countModExps, fakeCredential, type SrpCredential, toFixedHex } from "../../srp/index.ts";
import type { PoolRecord, UserRecord } from "../../storage/ports.ts";
import { poolConfig } from "../pools/pool.ts";
import { openCredential } from "../users/credentials.ts";
import { shapeOf } from "../users/username.ts";
import type { ExistenceProfile } from "./profile.ts";

/**
 * Equal work for the masked path (docs/existence.md). Every SRP computation of the flows goes through
 * `srpWork`, which reports its modular exponentiations to a probe that counts them, so unit tests can
 * compare the real and the masked path; and `credentialPair` does the same credential work whoever
 * signs in.
 */
export function srpWork<T>(probe: Probe, fn: () => T): T {
  if (!probe.modExps) return fn();
  const r = countModExps(fn);
  probe.modExps(r.modExps);
  return r.result;
}

/**
 * A sealed credential of a real credential's size and shape, opened when there is no real one so that
 * both paths pay the same AES-GCM open and JSON parse. Built without a modexp (it never verifies).
 */
const DUMMY_OWNER = { poolId: "hushpool_dummy", sub: "00000000-0000-4000-8000-000000000000" };
const dummies = new WeakMap<SecretBox, string>();
function dummySealed(box: SecretBox): string {
  let sealed = dummies.get(box);
  if (sealed === undefined) {
    const c: SrpCredential = { salt: randomBytes(16).toString("hex"), verifier: toFixedHex(1n) };
    sealed = box.seal(JSON.stringify(c), `credential:${DUMMY_OWNER.poolId}:${DUMMY_OWNER.sub}`);
    dummies.set(box, sealed);
  }
  return sealed;
}

export interface CredentialChoice {
  /** The credential to run the protocol against: the user's, or the deterministic fake. */
  salt: string;
  verifier: string;
  userIdForSrp: string;
  /** True when the fake was chosen: the step must fail whatever the client proves. */
  simulated: boolean;
  /** The USERNAME a challenge shows before any secret is proven (CUSTOM_CHALLENGE's, too). */
  shownUsername: string;
}

/** What `credentialPair` chooses for. */
export interface CredentialRequest {
  pool: PoolRecord;
  /** The name exactly as typed, and folded as the pool folds usernames. */
  typed: string;
  canonical: string;
  user: UserRecord | null;
  /** The balancing read's decoy row (./decoy.ts), whose sealed credential the masked path opens. */
  decoy: UserRecord | null;
  /** The existence table chose the masked path (unknown user, or a state it hides). */
  mask: boolean;
  profile: ExistenceProfile;
  /** SRP shows USER_ID_FOR_SRP and SALT before the proof, so its identity rule applies (below). */
  srp: boolean;
}

/** Pools whose internal usernames are UUIDs: those with UsernameAttributes (docs/operations.md#username-models). */
const uuidUsernames = (pool: PoolRecord): boolean => (poolConfig(pool).UsernameAttributes?.length ?? 0) > 0;

/**
 * Opens the user's sealed credential (or a dummy of the same size) AND derives the fake credential
 * for the typed name, every time, then picks one. `mask` forces the fake (unknown user, or a state
 * the table hides). The fake is a pure function of (pool, name) and the seed (docs/existence.md#deterministic-fakes).
 *
 * USER_ID_FOR_SRP (docs/authentication.md#simulated-user_id_for_srp): the client proves the password
 * for exactly the identity it is shown, and the stored verifier is for the internal username, so a real
 * user can only ever be shown their username.
 * - cognito: the fake's identity is a UUID, as Cognito's guide says; a real user shows the username,
 *   which tells them apart wherever usernames are not UUIDs (Cognito's documented caveat).
 * - strict, pools with UsernameAttributes: the same (both are UUIDs).
 * - strict, other pools: every name shows itself, exactly as typed, and the fake is derived from it;
 *   an SRP sign-in whose typed name is not the user's username byte for byte (an alias, or another
 *   letter case) takes the fake too, so it fails like an unknown name whatever the password.
 */
export function credentialPair(
  deps: { box: SecretBox; secrets: ServerSecrets },
  req: CredentialRequest,
): CredentialChoice {
  const { pool, user, decoy } = req;
  const asTyped = req.profile === "strict" && !uuidUsernames(pool);
  const mask = req.mask || (asTyped && req.srp && user !== null && user.username !== req.typed);
  // The user's credential; else the decoy row's (read from the database like a real one); else a
  // same-size dummy (a user without a password, or a store without the decoy).
  const sealedOwner = user?.credential
    ? user
    : decoy?.credential
      ? decoy
      : { ...DUMMY_OWNER, credential: dummySealed(deps.box) };
  const real = openCredential(deps.box, sealedOwner);
  const seedMac = (purpose: string, ...parts: string[]) => deps.secrets.mac(purpose, ...parts);
  const fake = fakeCredential(seedMac, pool.id, asTyped ? req.typed : req.canonical);
  const shownUsername = asTyped
    ? req.typed
    : user && !req.mask
      ? user.username
      : lookalikeName(pool, req.canonical, fake.userIdForSrp);
  if (user && real && user.credential && !mask) {
    return {
      salt: real.salt,
      verifier: real.verifier,
      userIdForSrp: user.username,
      simulated: false,
      shownUsername,
    };
  }
  const userIdForSrp = asTyped ? req.typed : fake.userIdForSrp;
  return { salt: fake.salt, verifier: fake.verifier, userIdForSrp, simulated: true, shownUsername };
}

/**
 * The USERNAME a CUSTOM_CHALLENGE shows for a masked name in the cognito profile, where Cognito
 * documents nothing: what a real user would show for the same input — a UUID where internal usernames
 * are UUIDs or the input names an email / phone alias (the real answer would be some other internal
 * name), otherwise the canonical name itself (docs/authentication.md#simulated-user_id_for_srp).
 */
function lookalikeName(pool: PoolRecord, canonical: string, uuid: string): string {
  const c = poolConfig(pool);
  if (c.UsernameAttributes?.length) return uuid;
  const shape = shapeOf(canonical);
  const aliases = c.AliasAttributes ?? [];
  const alias =
    (shape === "email" && aliases.includes("email")) ||
    (shape === "phone" && aliases.includes("phone_number"));
  return alias ? uuid : canonical;
}
