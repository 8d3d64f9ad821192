import type { PoolRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { poolConfig } from "../pools/pool.ts";
import { allowedFirstFactors } from "../pools/sign-in-policy.ts";

/** The pool's relying party for passkeys (docs/passkeys.md#configuration). */
export interface RelyingParty {
  id: string;
  userVerification: "required" | "preferred";
}

/**
 * The pool's passkey settings, or Cognito's refusals: WebAuthnNotEnabledException when WEB_AUTHN is
 * not an allowed first factor ("the passkey feature isn't enabled for the user pool"), and
 * WebAuthnConfigurationMissingException without a relying party ID (hushpool has no user pool
 * domains to default to), https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html.
 */
export function relyingParty(pool: PoolRecord): RelyingParty {
  if (!allowedFirstFactors(pool).includes("WEB_AUTHN")) throw errors.webAuthnNotEnabled();
  const c = poolConfig(pool).WebAuthnConfiguration;
  if (!c?.RelyingPartyId) throw errors.webAuthnConfigurationMissing();
  return { id: c.RelyingPartyId, userVerification: c.UserVerification ?? "preferred" };
}

/**
 * The origins a relying party accepts (WebAuthn Level 3, §13.4.9 "Validating the origin of a
 * credential"): https on the RP ID or any subdomain of it, any port; and, because browsers treat
 * http://localhost as a secure context, http on localhost when the RP ID is `localhost` (development).
 */
export function originAllowed(origin: string, rpId: string): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  if (u.origin !== origin) return false;
  const host = u.hostname;
  const onRp = host === rpId || host.endsWith(`.${rpId}`);
  if (u.protocol === "https:") return onRp;
  return u.protocol === "http:" && rpId === "localhost" && host === "localhost";
}
