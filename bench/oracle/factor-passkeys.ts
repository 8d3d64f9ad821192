/**
 * Passkeys for the WEB_AUTHN class of the factor oracle (./factor-flows.ts, docs/passkeys.md).
 *
 * Seeding: every real user gets one passkey record written through the store port before the server
 * starts (the shortcut ../auth/seed-users.ts takes for users; registering 10,000 passkeys through
 * StartWebAuthnRegistration / CompleteWebAuthnRegistration would need 10,000 sign-ins first). The
 * record is what CompleteWebAuthnRegistration stores (src/domain/webauthn/registration.ts): a 16-byte
 * credential id, base64url, as Chrome's authenticators make; an ES256 public key as a COSE_Key.
 * All users share one public key: verifying a signature costs the same whatever the key.
 *
 * Answering: an assertion that does not verify. It is a well-formed AuthenticationResponseJSON for
 * the session's challenge, origin and RP ID, signed by a software authenticator
 * (test/helpers/soft-authenticator.ts) whose key is not the registered one, so the server gets as
 * far as the signature check (docs/passkeys.md#sign-in) and fails there: `Incorrect username or
 * password.`
 */
import { createHash, generateKeyPairSync } from "node:crypto";
import type { Store, UserRecord } from "../../src/storage/ports.ts";
import { SoftAuthenticator } from "../../test/helpers/soft-authenticator.ts";

/** `http://localhost:<port>` is allowed when the RP ID is localhost (docs/passkeys.md#configuration). */
export const RP_ID = "localhost";
const ORIGIN = "http://localhost:5173";

/** Real user i's credential id: 16 bytes, base64url. */
export const passkeyId = (i: number): string =>
  createHash("sha256").update(`oracle-passkey-${i}`).digest().subarray(0, 16).toString("base64url");

/** The registered public key: ES256 as a COSE_Key {1:2, 3:-7, -1:1, -2:x, -3:y} (RFC 9053 §7.1.1). */
function coseKey(): string {
  const jwk = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ format: "jwk" });
  return Buffer.concat([
    Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]),
    Buffer.from(jwk.x ?? "", "base64url"),
    Buffer.from([0x22, 0x58, 0x20]),
    Buffer.from(jwk.y ?? "", "base64url"),
  ]).toString("base64url");
}

/** A `withUser` hook for seedUsers: adds user `index(name)`'s passkey. */
export function addPasskey(index: (username: string) => number) {
  const publicKey = coseKey();
  return async (user: UserRecord, store: Store): Promise<void> => {
    await store.passkeys.add({
      poolId: user.poolId,
      sub: user.sub,
      credentialId: passkeyId(index(user.username)),
      publicKey,
      signCount: 0,
      transports: ["internal", "hybrid"],
      attachment: "platform",
      friendlyName: "Platform passkey",
      rpId: RP_ID,
      createdAt: Date.now(),
    });
  };
}

/** One authenticator, holding a key no user registered, signs every assertion. */
const stranger = new SoftAuthenticator(ORIGIN);
stranger.create({ rp: { id: RP_ID }, user: { id: "b3JhY2xl" }, challenge: "b3JhY2xl" });

/**
 * The CREDENTIAL answer for the challenge's options, naming `credentialId`: signed over the right
 * challenge, origin and RP ID, by the wrong key.
 */
export function wrongAssertion(options: { challenge: string; rpId: string }, credentialId: string): string {
  const a = stranger.get(options);
  return JSON.stringify({ ...a, id: credentialId, rawId: credentialId });
}
