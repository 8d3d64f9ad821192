import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";

/**
 * A software passkey authenticator for SDK tests (the browser tests use Chrome's virtual one): ES256
 * keys, "none" attestation, user presence and verification flags, a sign counter. It builds the
 * RegistrationResponseJSON and AuthenticationResponseJSON that navigator.credentials gives a page,
 * byte for byte in WebAuthn's formats (authenticator data, CBOR attestation object, COSE key).
 */
const b64u = (b: Buffer): string => b.toString("base64url");
const cborBytes = (b: Buffer): Buffer =>
  b.length < 24
    ? Buffer.concat([Buffer.from([0x40 + b.length]), b])
    : b.length < 256
      ? Buffer.concat([Buffer.from([0x58, b.length]), b])
      : Buffer.concat([Buffer.from([0x59, b.length >> 8, b.length & 0xff]), b]);
const cborText = (s: string): Buffer => Buffer.concat([Buffer.from([0x60 + s.length]), Buffer.from(s)]);

export interface SoftCredential {
  id: Buffer;
  key: KeyObject;
  counter: number;
  userHandle: string;
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];
  constructor(
    readonly origin: string,
    readonly flags = { userVerified: true },
  ) {}

  private rpIdHash(rpId: string): Buffer {
    return createHash("sha256").update(rpId).digest();
  }

  private flagByte(attested: boolean): number {
    return 0x01 | (this.flags.userVerified ? 0x04 : 0) | (attested ? 0x40 : 0);
  }

  /** navigator.credentials.create for Cognito's CredentialCreationOptions; `rpId` may be overridden to misbehave. */
  create(
    options: Record<string, unknown>,
    over: { rpId?: string; origin?: string; challenge?: string } = {},
  ) {
    const rp = options.rp as { id: string };
    const user = options.user as { id: string };
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    const id = randomBytes(16);
    const cose = Buffer.concat([
      Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]),
      Buffer.from(jwk.x ?? "", "base64url"),
      Buffer.from([0x22, 0x58, 0x20]),
      Buffer.from(jwk.y ?? "", "base64url"),
    ]);
    const authData = Buffer.concat([
      this.rpIdHash(over.rpId ?? rp.id),
      Buffer.from([this.flagByte(true), 0, 0, 0, 0]),
      Buffer.alloc(16),
      Buffer.from([0, id.length]),
      id,
      cose,
    ]);
    const attestation = Buffer.concat([
      Buffer.from([0xa3]),
      cborText("fmt"),
      cborText("none"),
      cborText("attStmt"),
      Buffer.from([0xa0]),
      cborText("authData"),
      cborBytes(authData),
    ]);
    const clientData = JSON.stringify({
      type: "webauthn.create",
      challenge: over.challenge ?? options.challenge,
      origin: over.origin ?? this.origin,
      crossOrigin: false,
    });
    this.credentials.push({ id, key: privateKey, counter: 0, userHandle: user.id });
    return {
      id: b64u(id),
      rawId: b64u(id),
      type: "public-key",
      authenticatorAttachment: "platform",
      response: {
        clientDataJSON: b64u(Buffer.from(clientData)),
        attestationObject: b64u(attestation),
        transports: ["internal", "hybrid"],
      },
      clientExtensionResults: {},
    };
  }

  /** navigator.credentials.get for CREDENTIAL_REQUEST_OPTIONS: signs with the newest credential. */
  get(options: { challenge: string; rpId: string }, over: { origin?: string; replayCounter?: boolean } = {}) {
    const cred = this.credentials.at(-1);
    if (!cred) throw new Error("no credential");
    if (!over.replayCounter) cred.counter += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(cred.counter);
    const authData = Buffer.concat([
      this.rpIdHash(options.rpId),
      Buffer.from([this.flagByte(false)]),
      counter,
    ]);
    const clientData = Buffer.from(
      JSON.stringify({
        type: "webauthn.get",
        challenge: options.challenge,
        origin: over.origin ?? this.origin,
        crossOrigin: false,
      }),
    );
    const signature = sign(
      "sha256",
      Buffer.concat([authData, createHash("sha256").update(clientData).digest()]),
      cred.key,
    );
    return {
      id: b64u(cred.id),
      rawId: b64u(cred.id),
      type: "public-key",
      authenticatorAttachment: "platform",
      response: {
        clientDataJSON: b64u(clientData),
        authenticatorData: b64u(authData),
        signature: b64u(signature),
        userHandle: cred.userHandle,
      },
      clientExtensionResults: {},
    };
  }
}
