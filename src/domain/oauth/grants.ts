import { createHash } from "node:crypto";
import { safeEqual } from "../../crypto/server-secrets.ts";
import { type SecretRowServices, secretRows } from "./secret-rows.ts";

/**
 * Authorization codes and managed-login sessions (docs/oauth.md#codes-and-sessions), both MAC-keyed
 * session rows (./secret-rows.ts): a code lives five minutes and is used once (its first redemption
 * attempt uses it up), a hosted session one hour (AWS "Quotas in Amazon Cognito": the managed-login
 * session cookie) until `/logout` ends it.
 */
export const CODE_TTL_MS = 5 * 60_000;
export const HOSTED_SESSION_TTL_MS = 60 * 60_000;

type GrantServices = SecretRowServices;

export interface CodeGrant {
  clientId: string;
  sub: string;
  redirectUri: string;
  scope: string;
  nonce?: string;
  challenge?: { value: string; method: "S256" | "plain" };
  authTime: number;
}

export interface HostedSession {
  sub: string;
  authTime: number;
}

const codes = secretRows<CodeGrant>("code", CODE_TTL_MS, 256);
const hostedSessions = secretRows<HostedSession>("hosted", HOSTED_SESSION_TTL_MS, 128);

export const issueCode = (services: GrantServices, poolId: string, grant: CodeGrant, now: number) =>
  codes.issue(services, poolId, grant, now);

/** Uses the code up; null when unknown, another pool's, already used or expired. */
export const redeemCode = (services: GrantServices, poolId: string, code: string, now: number) =>
  codes.take(services, poolId, code, now);

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

export const startHostedSession = (services: GrantServices, poolId: string, s: HostedSession, now: number) =>
  hostedSessions.issue(services, poolId, s, now);

export const readHostedSession = (
  services: GrantServices,
  poolId: string,
  secret: string | undefined,
  now: number,
) => hostedSessions.read(services, poolId, secret, now);

/** `/logout`: the session is used up, so its cookie signs in no more. */
export const endHostedSession = (services: GrantServices, secret: string | undefined, now: number) =>
  hostedSessions.end(services, secret, now);
