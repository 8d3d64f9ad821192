import { type AuthApi, type AuthContext, authContext, noHooks } from "../domain/auth-flows/index.ts";
import type { FlowServices } from "../domain/auth-flows/types.ts";
import { customAuthTriggerCalls } from "../domain/trigger-calls/custom-auth.ts";
import { signInTriggerCalls } from "../domain/trigger-calls/sign-in.ts";
import type { Services } from "../services.ts";
import type { ClientRecord, PoolRecord } from "../storage/ports.ts";

/**
 * What a sign-in operation uses: the flows' services (domain/auth-flows/types.ts, the one list of
 * them) plus the trigger runner, which only this file hands to the flows, as hooks.
 */
export type SignInServices = FlowServices & Pick<Services, "triggers">;

/**
 * The context of one sign-in step, with its trigger calls. The flows (domain/auth-flows) declare the
 * hooks they call and domain/trigger-calls builds them for a pool, client and ClientMetadata; neither
 * imports the other, and this is where the two are joined (docs/authentication.md, docs/triggers.md).
 */
export function signInContext(
  services: SignInServices,
  api: AuthApi,
  found: { pool: PoolRecord; client: ClientRecord },
  clientMetadata: Record<string, string> | undefined,
): AuthContext {
  const { pool, client } = found;
  const metadata = clientMetadata ?? {};
  return authContext(services, api, found, clientMetadata, {
    hooks: signInTriggerCalls(services, pool, client, metadata) ?? noHooks,
    customAuth: customAuthTriggerCalls(services, pool, client, metadata, api),
  });
}
