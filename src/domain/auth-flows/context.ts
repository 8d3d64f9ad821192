import type { Services } from "../../services.ts";
import type { ClientRecord, PoolRecord } from "../../storage/ports.ts";
import { clientConfig } from "../pools/client.ts";
import { hooksFor } from "./hooks.ts";
import type { AuthApi, AuthContext } from "./types.ts";

/** Builds the context of one sign-in step; the clock is read once here. */
export function authContext(
  services: Services,
  api: AuthApi,
  found: { pool: PoolRecord; client: ClientRecord },
  clientMetadata: Record<string, string> | undefined,
): AuthContext {
  const base = {
    services,
    api,
    pool: found.pool,
    client: found.client,
    clientConfig: clientConfig(found.client),
    clientMetadata: clientMetadata ?? {},
    now: services.clock.now(),
  };
  return { ...base, hooks: hooksFor(base) };
}
