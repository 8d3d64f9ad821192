import type { SecretBox } from "../../crypto/secret-box.ts";
import type { ClientRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { openSecrets } from "./client-secrets.ts";
import type { ClientSettings } from "./client-settings.ts";

/** What a client record's `config` holds. */
export interface ClientConfig extends ClientSettings {
  ClientName: string;
  ExplicitAuthFlows: NonNullable<ClientSettings["ExplicitAuthFlows"]>;
  PreventUserExistenceErrors: "LEGACY" | "ENABLED";
  RefreshTokenValidity: number;
  EnableTokenRevocation: boolean;
  EnablePropagateAdditionalUserContextData: boolean;
  AuthSessionValidity: number;
  AllowedOAuthFlowsUserPoolClient: boolean;
  TokenValidityUnits: NonNullable<ClientSettings["TokenValidityUnits"]>;
}

const LEGACY_FLOWS = new Set(["ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"]);
const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3600, days: 86400 } as const;

/**
 * Applies Cognito's API defaults (docs/operations.md#createuserpoolclient): SRP + refresh + custom auth, LEGACY existence errors,
 * 30-day refresh tokens, revocation on, 3-minute auth sessions. Also used by UpdateUserPoolClient,
 * which is a full replace.
 */
export function clientConfigFrom(s: ClientSettings & { ClientName: string }): ClientConfig {
  const flows = s.ExplicitAuthFlows ?? [
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_CUSTOM_AUTH",
  ];
  const legacy = flows.filter((f) => LEGACY_FLOWS.has(f));
  if (legacy.length > 0 && legacy.length < flows.length) {
    throw errors.mixedExplicitAuthFlows();
  }
  const config: ClientConfig = {
    ...s,
    ExplicitAuthFlows: [...new Set(flows)],
    PreventUserExistenceErrors: s.PreventUserExistenceErrors ?? "LEGACY",
    RefreshTokenValidity: s.RefreshTokenValidity || 30,
    EnableTokenRevocation: s.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: s.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: s.AuthSessionValidity ?? 3,
    AllowedOAuthFlowsUserPoolClient: s.AllowedOAuthFlowsUserPoolClient ?? false,
    TokenValidityUnits: s.TokenValidityUnits ?? {},
  };
  checkValidity(config);
  return config;
}

/** Token lifetimes in seconds, from the client's values and units (docs/tokens.md#lifetimes). */
export function tokenValidity(c: ClientConfig): { access: number; id: number; refresh: number } {
  const u = c.TokenValidityUnits;
  return {
    access:
      c.AccessTokenValidity === undefined
        ? 3600
        : c.AccessTokenValidity * UNIT_SECONDS[u.AccessToken ?? "hours"],
    id: c.IdTokenValidity === undefined ? 3600 : c.IdTokenValidity * UNIT_SECONDS[u.IdToken ?? "hours"],
    refresh: c.RefreshTokenValidity * UNIT_SECONDS[u.RefreshToken ?? "days"],
  };
}

function checkValidity(c: ClientConfig): void {
  const v = tokenValidity(c);
  if (v.access < 300 || v.access > 86400) throw errors.tokenValidityRange();
  if (v.id < 300 || v.id > 86400) throw errors.tokenValidityRange();
  if (v.refresh < 3600 || v.refresh > 315360000) throw errors.tokenValidityRange();
}

export const clientConfig = (c: ClientRecord): ClientConfig => c.config as unknown as ClientConfig;

/** Whether the client allows a flow, counting legacy names as their ALLOW_ twins. */
export function allowsFlow(c: ClientConfig, allow: string, legacy?: string): boolean {
  return c.ExplicitAuthFlows.some((f) => f === allow || (legacy !== undefined && f === legacy));
}

export const sealSecret = (box: SecretBox, clientId: string, secret: string): string =>
  box.seal(secret, `client-secret:${clientId}`);

/** The client's newest secret (what DescribeUserPoolClient shows), or null for a public client. */
export const openSecret = (box: SecretBox, c: ClientRecord): string | null =>
  openSecrets(box, c).at(-1)?.value ?? null;

/** UserPoolClientType as Describe/Create/UpdateUserPoolClient return it. */
export function renderClient(c: ClientRecord, box: SecretBox): Record<string, unknown> {
  const secret = openSecret(box, c);
  return {
    UserPoolId: c.poolId,
    ClientId: c.clientId,
    ...clientConfig(c),
    ...(secret !== null ? { ClientSecret: secret } : {}),
    CreationDate: c.createdAt / 1000,
    LastModifiedDate: c.modifiedAt / 1000,
  };
}
