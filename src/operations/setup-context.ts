import type { AuthContext } from "../domain/auth-flows/index.ts";
import { invalidSession, sessionOwner } from "../domain/auth-flows/session.ts";
import { requireClientAndPool } from "../domain/pools/lookup.ts";
import { type SignInServices, signInContext } from "./sign-in-context.ts";

/**
 * The sign-in context of an MFA_SETUP Session given to AssociateSoftwareToken / VerifySoftwareToken,
 * which name no client: the session's own pool and client (docs/mfa.md#mfa_setup).
 */
export async function setupContext(services: SignInServices, session: string): Promise<AuthContext> {
  const owner = await sessionOwner(services, session);
  if (!owner) throw invalidSession();
  const found = await requireClientAndPool(services.store, owner.clientId);
  if (found.pool.id !== owner.poolId) throw invalidSession();
  return signInContext(services, "RespondToAuthChallenge", found, undefined);
}
