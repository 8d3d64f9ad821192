import { generateKeyPairSync } from "node:crypto";
import { type AuthenticationResponseJSON, verifyAuthenticationResponse } from "@simplewebauthn/server";
import type { PasskeyRecord, PasskeyStore } from "../../storage/ports.ts";
import { originAllowed, type RelyingParty } from "./config.ts";

/**
 * Verifies a passkey assertion (the CREDENTIAL answer of a WEB_AUTHN challenge, docs/passkeys.md#sign-in)
 * with @simplewebauthn/server: the session's challenge, an origin allowed for the RP ID, the RP ID
 * hash, user presence, user verification when the pool requires it, the signature under the stored
 * public key, and the sign counter (which must grow when the authenticator keeps one; it is then set
 * compare-and-set, so of two uses of one assertion only one can win).
 *
 * `passkey` is null on the masked path (no user, or a credential that is not the session user's): the
 * assertion is then verified against a throw-away key of the same kind, so both paths parse, hash and
 * check a signature, and the answer is false.
 */
let dummy: string | null = null;
function dummyKey(): string {
  if (dummy === null) {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    // COSE_Key for EC2/P-256/ES256: {1:2, 3:-7, -1:1, -2:x, -3:y} in CBOR.
    const x = Buffer.from(jwk.x ?? "", "base64url");
    const y = Buffer.from(jwk.y ?? "", "base64url");
    dummy = Buffer.concat([
      Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]),
      x,
      Buffer.from([0x22, 0x58, 0x20]),
      y,
    ]).toString("base64url");
  }
  return dummy;
}

export function parseAssertion(text: string): AuthenticationResponseJSON | null {
  try {
    const v = JSON.parse(text) as AuthenticationResponseJSON;
    if (typeof v !== "object" || v === null || typeof v.id !== "string" || typeof v.response !== "object") {
      return null;
    }
    if (typeof v.response.clientDataJSON !== "string" || typeof v.response.authenticatorData !== "string") {
      return null;
    }
    return v;
  } catch {
    return null;
  }
}

function originOf(a: AuthenticationResponseJSON): string {
  try {
    const c = JSON.parse(Buffer.from(a.response.clientDataJSON, "base64url").toString("utf8")) as {
      origin?: unknown;
    };
    return typeof c.origin === "string" ? c.origin : "";
  } catch {
    return "";
  }
}

export async function verifyAssertion(
  passkeys: PasskeyStore,
  args: {
    assertion: AuthenticationResponseJSON;
    challenge: string;
    rp: RelyingParty;
    passkey: PasskeyRecord | null;
  },
): Promise<boolean> {
  const { assertion, rp, passkey } = args;
  const origin = originOf(assertion);
  const allowed = originAllowed(origin, rp.id);
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>> | null = null;
  try {
    result = await verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge: args.challenge,
      // A refused origin is still run through the library (same work), against one it cannot match.
      expectedOrigin: allowed ? origin : "https://origin.invalid",
      expectedRPID: rp.id,
      credential: {
        id: passkey?.credentialId ?? assertion.id,
        publicKey: Buffer.from(passkey?.publicKey ?? dummyKey(), "base64url"),
        counter: passkey?.signCount ?? 0,
        transports: [],
      },
      requireUserVerification: rp.userVerification === "required",
    });
  } catch {
    result = null;
  }
  if (!result?.verified || !passkey || !allowed) return false;
  const next = result.authenticationInfo.newCounter;
  // An authenticator that keeps no counter reports 0 every time (WebAuthn §6.1.1); one that does must grow.
  if (next === 0 && passkey.signCount === 0) return true;
  if (next <= passkey.signCount) return false;
  return passkeys.setSignCount(passkey.poolId, passkey.credentialId, passkey.signCount, next);
}
