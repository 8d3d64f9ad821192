import { randomBytes } from "node:crypto";
import type { SecretBox } from "../../crypto/secret-box.ts";
import type { ServerSecrets } from "../../crypto/server-secrets.ts";
import type { Probe } from "../../probe.ts";
import { countModExps, fakeCredential, type SrpCredential, toFixedHex } from "../../srp/index.ts";
import type { PoolRecord, UserRecord } from "../../storage/ports.ts";
import { poolConfig } from "../pools/pool.ts";
import { openCredential } from "../users/credentials.ts";
import { shapeOf } from "../users/username.ts";

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
}

/**
 * Opens the user's sealed credential (or a dummy of the same size) AND derives the fake credential
 * for the typed name, every time, then picks one. `mask` forces the fake (unknown user, or a state
 * ENABLED hides). The fake is a pure function of (pool, canonical name) and the seed (rule 2).
 */
export function credentialPair(
  deps: { box: SecretBox; secrets: ServerSecrets },
  pool: PoolRecord,
  canonical: string,
  user: UserRecord | null,
  mask: boolean,
  decoy: UserRecord | null = null,
): CredentialChoice {
  // The user's credential; else the decoy row's (read from the database like a real one); else a
  // same-size dummy (a user without a password, or a store without the decoy).
  const sealedOwner = user?.credential
    ? user
    : decoy?.credential
      ? decoy
      : { ...DUMMY_OWNER, credential: dummySealed(deps.box) };
  const real = openCredential(deps.box, sealedOwner);
  const fake = fakeCredential((purpose, ...parts) => deps.secrets.mac(purpose, ...parts), pool.id, canonical);
  if (user && real && user.credential && !mask) {
    return { salt: real.salt, verifier: real.verifier, userIdForSrp: user.username, simulated: false };
  }
  return {
    salt: fake.salt,
    verifier: fake.verifier,
    userIdForSrp: simulatedUserId(pool, canonical, fake),
    simulated: true,
  };
}

/**
 * The USER_ID_FOR_SRP of a simulated answer must look like a real user's would for the same input.
 * Cognito always answers a UUID (its documented caveat: in plain-username pools that differs from a
 * real user's answer, which is the username). hushpool answers what a real user would get: a UUID
 * where internal usernames are UUIDs (UsernameAttributes pools) or where the input names an alias
 * (the real answer would be some other internal name), and otherwise the name as typed, canonical
 * (docs/authentication.md, "Simulated USER_ID_FOR_SRP").
 */
function simulatedUserId(pool: PoolRecord, canonical: string, fake: { userIdForSrp: string }): string {
  const c = poolConfig(pool);
  if (c.UsernameAttributes?.length) return fake.userIdForSrp;
  const shape = shapeOf(canonical);
  const aliases = c.AliasAttributes ?? [];
  if (
    (shape === "email" && aliases.includes("email")) ||
    (shape === "phone" && aliases.includes("phone_number"))
  ) {
    return fake.userIdForSrp;
  }
  return canonical;
}
