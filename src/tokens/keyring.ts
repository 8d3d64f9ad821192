import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from "node:crypto";
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { newKid } from "./ids.ts";

/**
 * The persisted key ring: every key the server still needs, one current (unretired) key per use.
 * ID and access tokens are signed with different RS256 keys, as Cognito's are [docs/tokens.md#token-format]; refresh
 * tokens are RSA-OAEP/A256GCM JWEs encrypted to the `refresh` key [docs/tokens.md#token-format docs/tokens.md#what-the-tokens-contain].
 */
export type KeyUse = "id" | "access" | "refresh";

export const KEY_USES: readonly KeyUse[] = ["id", "access", "refresh"];

/** The JOSE algorithm each key is imported for. */
export const KEY_ALG: Record<KeyUse, "RS256" | "RSA-OAEP"> = {
  id: "RS256",
  access: "RS256",
  refresh: "RSA-OAEP",
};

export interface StoredKey {
  kid: string;
  use: KeyUse;
  createdAt: number;
  /** When a rotation replaced it; null for the current key of its use. */
  retiredAt: number | null;
  /** Private JWK (includes the public n and e). The whole ring is sealed before it is stored. */
  jwk: JWK;
}

export interface StoredRing {
  v: 1;
  keys: StoredKey[];
}

/** ID/access tokens live at most one day (IdTokenValidityType/AccessTokenValidityType max 86400 s) [docs/wire-protocol.md]. */
const MAX_SIGNED_TOKEN_MS = 86_400_000;
/** Refresh tokens live at most ten years (RefreshTokenValidityType max 315360000 s) [docs/wire-protocol.md]. */
const MAX_REFRESH_TOKEN_MS = 315_360_000_000;
/** Allowance for clock differences between nodes. */
const SKEW_MS = 300_000;

/** How long a retired key must stay: until every token it signed or sealed has expired. */
export function retentionMs(use: KeyUse): number {
  return (use === "refresh" ? MAX_REFRESH_TOKEN_MS : MAX_SIGNED_TOKEN_MS) + SKEW_MS;
}

export async function generateStoredKey(use: KeyUse, now: number): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair(KEY_ALG[use], { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { kid: newKid(), use, createdAt: now, retiredAt: null, jwk };
}

export async function generateRing(now: number): Promise<StoredRing> {
  return { v: 1, keys: await Promise.all(KEY_USES.map((use) => generateStoredKey(use, now))) };
}

/**
 * Adds `fresh` keys as the current ones of their uses, retires the keys they replace and drops
 * retired keys past their retention. Pure, so the rotation rules are testable without crypto.
 */
export function rotateRing(ring: StoredRing, fresh: StoredKey[], now: number): StoredRing {
  const replaced = new Set(fresh.map((k) => k.use));
  const kept = ring.keys
    .map((k) => (k.retiredAt === null && replaced.has(k.use) ? { ...k, retiredAt: now } : k))
    .filter((k) => k.retiredAt === null || now - k.retiredAt <= retentionMs(k.use));
  return { v: 1, keys: [...fresh, ...kept] };
}

/** Parses a ring read from the store; throws on anything that is not one (a corrupt or foreign value). */
export function parseRing(text: string): StoredRing {
  const value: unknown = JSON.parse(text);
  if (!isRing(value)) throw new Error("the stored token key ring is malformed");
  for (const use of KEY_USES) {
    if (value.keys.filter((k) => k.use === use && k.retiredAt === null).length !== 1) {
      throw new Error(`the stored token key ring has no single current ${use} key`);
    }
  }
  return value;
}

function isRing(v: unknown): v is StoredRing {
  if (typeof v !== "object" || v === null || !("v" in v) || v.v !== 1 || !("keys" in v)) return false;
  return Array.isArray(v.keys) && v.keys.every(isStoredKey);
}

function isStoredKey(k: unknown): k is StoredKey {
  if (typeof k !== "object" || k === null) return false;
  const r = k as Record<string, unknown>;
  return (
    typeof r.kid === "string" &&
    (r.use === "id" || r.use === "access" || r.use === "refresh") &&
    typeof r.createdAt === "number" &&
    (r.retiredAt === null || typeof r.retiredAt === "number") &&
    typeof r.jwk === "object" &&
    r.jwk !== null
  );
}

/** A key ready for use; `publicJwk` is what the JWKS publishes (signing keys only). */
export interface LoadedKey {
  kid: string;
  use: KeyUse;
  createdAt: number;
  retiredAt: number | null;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /**
   * The same keys as node:crypto KeyObjects: minting signs and seals with them synchronously
   * (./mint.ts), which costs the RSA operation and little else (docs/performance.md#near-the-floor).
   */
  nodePrivate: KeyObject;
  nodePublic: KeyObject;
  publicJwk: { kty: "RSA"; n: string; e: string };
}

/** Imports a stored key for its algorithm (private for signing/decrypting, public for verifying/encrypting). */
export async function importKey(
  kid: string,
  use: KeyUse,
  createdAt: number,
  retiredAt: number | null,
  jwk: JWK,
): Promise<LoadedKey> {
  const alg = KEY_ALG[use];
  if (jwk.kty !== "RSA" || typeof jwk.n !== "string" || typeof jwk.e !== "string") {
    throw new Error(`token key ${kid} is not an RSA key`);
  }
  const publicJwk = { kty: "RSA" as const, n: jwk.n, e: jwk.e };
  const [privateKey, publicKey] = await Promise.all([importJWK(jwk, alg), importJWK(publicJwk, alg)]);
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array)
    throw new Error("unexpected key type");
  const nodePrivate = createPrivateKey({ key: jwk as JsonWebKey, format: "jwk" });
  const nodePublic = createPublicKey({ key: publicJwk, format: "jwk" });
  return { kid, use, createdAt, retiredAt, privateKey, publicKey, nodePrivate, nodePublic, publicJwk };
}
