import { createHash, randomBytes } from "node:crypto";
import { safeEqual } from "../../crypto/server-secrets.ts";
import type { Services } from "../../services.ts";

/**
 * Authorization codes and managed-login sessions (docs/oauth.md#codes-and-sessions). Both are session
 * rows keyed by a MAC of the secret the browser holds, never the secret itself, with sealed content:
 * a code lives five minutes and is used once (the atomic `consume`), a hosted session one hour
 * (AWS "Quotas in Amazon Cognito": the managed-login session cookie).
 */
export const CODE_TTL_MS = 5 * 60_000;
export const HOSTED_SESSION_TTL_MS = 60 * 60_000;

type GrantServices = Pick<Services, "store" | "box" | "secrets">;

export interface CodeGrant {
  clientId: string;
  sub: string;
  redirectUri: string;
  scope: string;
  nonce?: string;
  challenge?: { value: string; method: "S256" | "plain" };
  authTime: number;
}

const rowId = (services: GrantServices, kind: string, secret: string): string =>
  `${kind}:${services.secrets.macHex(`oauth-${kind}`, secret)}`;

export async function issueCode(
  services: GrantServices,
  poolId: string,
  grant: CodeGrant,
  now: number,
): Promise<string> {
  const code = randomBytes(32).toString("base64url");
  const id = rowId(services, "code", code);
  await services.store.sessions.put({
    id,
    poolId,
    data: services.box.seal(JSON.stringify(grant), id),
    expiresAt: now + CODE_TTL_MS,
    usedAt: null,
  });
  return code;
}

/** Uses the code up; null when unknown, another pool's, already used or expired. */
export async function redeemCode(
  services: GrantServices,
  poolId: string,
  code: string,
  now: number,
): Promise<CodeGrant | null> {
  if (code.length === 0 || code.length > 256) return null;
  const id = rowId(services, "code", code);
  const row = await services.store.sessions.consume(id, now);
  if (!row || row.poolId !== poolId || row.usedAt !== null || now >= row.expiresAt) return null;
  const plain = services.box.openString(row.data, id);
  return plain === null ? null : (JSON.parse(plain) as CodeGrant);
}

/** PKCE (RFC 7636 §4.6): the verifier against the challenge, in constant time. */
export function verifierMatches(
  challenge: NonNullable<CodeGrant["challenge"]>,
  verifier: string | undefined,
): boolean {
  if (verifier === undefined || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  const computed =
    challenge.method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  return safeEqual(computed, challenge.value);
}

export interface HostedSession {
  sub: string;
  authTime: number;
}

export async function startHostedSession(
  services: GrantServices,
  poolId: string,
  s: HostedSession,
  now: number,
): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  const id = rowId(services, "hosted", secret);
  await services.store.sessions.put({
    id,
    poolId,
    data: services.box.seal(JSON.stringify(s), id),
    expiresAt: now + HOSTED_SESSION_TTL_MS,
    usedAt: null,
  });
  return secret;
}

export async function readHostedSession(
  services: GrantServices,
  poolId: string,
  secret: string | undefined,
  now: number,
): Promise<HostedSession | null> {
  if (!secret || secret.length > 128) return null;
  const id = rowId(services, "hosted", secret);
  const row = await services.store.sessions.get(id);
  if (!row || row.poolId !== poolId || row.usedAt !== null || now >= row.expiresAt) return null;
  const plain = services.box.openString(row.data, id);
  return plain === null ? null : (JSON.parse(plain) as HostedSession);
}

/** `/logout`: the session is used up, so its cookie signs in no more. */
export async function endHostedSession(
  services: GrantServices,
  secret: string | undefined,
  now: number,
): Promise<void> {
  if (!secret || secret.length > 128) return;
  await services.store.sessions.consume(rowId(services, "hosted", secret), now);
}
