import type { Services } from "../../services.ts";
import type { ClientRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import type { ClientConfig } from "../pools/client.ts";
import { checkSecretHash } from "../pools/secret-hash.ts";
import type { AuthApi, AuthFlow } from "./types.ts";

/** `Missing required parameter <NAME>` (docs/operations.md#initiateauth), for AuthParameters and ChallengeResponses alike. */
export function required(params: Record<string, string>, name: string): string {
  const v = params[name];
  if (v === undefined || v === "") throw errors.missingParameter(name);
  return v;
}

/** Flows each API accepts at all; others get `Initiate Auth method not supported.` (as Cognito). */
const API_FLOWS: Record<"InitiateAuth" | "AdminInitiateAuth", ReadonlySet<AuthFlow>> = {
  InitiateAuth: new Set([
    "USER_SRP_AUTH",
    "USER_PASSWORD_AUTH",
    "REFRESH_TOKEN_AUTH",
    "REFRESH_TOKEN",
    "CUSTOM_AUTH",
    "USER_AUTH",
  ]),
  AdminInitiateAuth: new Set([
    "USER_SRP_AUTH",
    "ADMIN_USER_PASSWORD_AUTH",
    "ADMIN_NO_SRP_AUTH",
    "REFRESH_TOKEN_AUTH",
    "REFRESH_TOKEN",
    "CUSTOM_AUTH",
    "USER_AUTH",
  ]),
};

/** The ALLOW_ value that enables each flow, and its legacy twin (docs/operations.md#initiateauth, docs/wire-protocol.md#enums ExplicitAuthFlowsType). */
const ALLOW: Record<AuthFlow, { allow: string; legacy?: string }> = {
  USER_SRP_AUTH: { allow: "ALLOW_USER_SRP_AUTH" },
  REFRESH_TOKEN_AUTH: { allow: "ALLOW_REFRESH_TOKEN_AUTH" },
  REFRESH_TOKEN: { allow: "ALLOW_REFRESH_TOKEN_AUTH" },
  CUSTOM_AUTH: { allow: "ALLOW_CUSTOM_AUTH" },
  USER_PASSWORD_AUTH: { allow: "ALLOW_USER_PASSWORD_AUTH", legacy: "USER_PASSWORD_AUTH" },
  ADMIN_USER_PASSWORD_AUTH: { allow: "ALLOW_ADMIN_USER_PASSWORD_AUTH", legacy: "ADMIN_NO_SRP_AUTH" },
  ADMIN_NO_SRP_AUTH: { allow: "ALLOW_ADMIN_USER_PASSWORD_AUTH", legacy: "ADMIN_NO_SRP_AUTH" },
  USER_AUTH: { allow: "ALLOW_USER_AUTH" },
};

/**
 * Whether the client allows the flow. A client configured with only legacy values (or none) is in
 * the pre-2019 model, where SRP, refresh and custom auth were always on unless CUSTOM_AUTH_FLOW_ONLY
 * (inferred from the legacy ExplicitAuthFlows semantics; docs/authentication.md).
 */
export function flowAllowed(c: ClientConfig, flow: AuthFlow): boolean {
  const flows = c.ExplicitAuthFlows;
  const { allow, legacy } = ALLOW[flow];
  if (flows.some((f) => f === allow || (legacy !== undefined && f === legacy))) return true;
  const legacyModel = !flows.some((f) => f.startsWith("ALLOW_"));
  if (!legacyModel) return false;
  if (flow === "CUSTOM_AUTH") return true;
  if (flows.includes("CUSTOM_AUTH_FLOW_ONLY")) return false;
  return flow === "USER_SRP_AUTH" || flow === "REFRESH_TOKEN_AUTH" || flow === "REFRESH_TOKEN";
}

/** API and client checks before anything about the user is read (docs/operations.md#initiateauth step 1). */
export function assertFlow(api: AuthApi, c: ClientConfig, flow: AuthFlow): void {
  const accepted = api === "AdminInitiateAuth" ? API_FLOWS.AdminInitiateAuth : API_FLOWS.InitiateAuth;
  if (!accepted.has(flow)) throw errors.authMethodNotSupported();
  if (flowAllowed(c, flow)) return;
  throw flow === "USER_PASSWORD_AUTH" ? errors.userPasswordAuthNotEnabled() : errors.authFlowNotEnabled();
}

/** SECRET_HASH for clients with a secret, computed over the USERNAME of the same request (docs/srp.md#secret_hash). */
export function assertSecretHash(
  services: Pick<Services, "box">,
  client: ClientRecord,
  username: string,
  params: Record<string, string>,
): void {
  checkSecretHash(services.box, client, username, params.SECRET_HASH);
}
