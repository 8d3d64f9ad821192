import type { ClientRecord, PoolRecord } from "../../storage/ports.ts";
import { profileOf } from "../existence/profile.ts";
import { clientConfig } from "../pools/client.ts";
import type { SignInHooks } from "./hooks.ts";
import type { AuthApi, AuthContext, FlowServices } from "./types.ts";

/**
 * Builds the context of one sign-in step; the clock is read once here. The trigger calls come from
 * the caller (src/operations/sign-in-context.ts), which builds them for this pool and client.
 */
export function authContext(
  services: FlowServices,
  api: AuthApi,
  found: { pool: PoolRecord; client: ClientRecord },
  clientMetadata: Record<string, string> | undefined,
  triggers: SignInHooks,
): AuthContext {
  return {
    services,
    api,
    pool: found.pool,
    client: found.client,
    clientConfig: clientConfig(found.client),
    profile: profileOf(found.pool, services.config.existenceProfile),
    clientMetadata: clientMetadata ?? {},
    now: services.clock.now(),
    hooks: triggers.hooks,
    customAuth: triggers.customAuth,
  };
}
