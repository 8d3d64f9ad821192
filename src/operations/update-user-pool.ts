import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { assertProfileTag } from "../domain/existence/profile.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { poolConfig, updatedPoolConfig } from "../domain/pools/pool.ts";
import { mutablePoolSettings } from "../domain/pools/pool-settings.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * UpdateUserPool is a full replace, as in Cognito: every mutable setting that the request omits goes
 * back to its default (docs/operations.md#createuserpool). Create-only settings (aliases, username attributes, case
 * sensitivity, schema) are kept. UserPoolTags are replaced too, so an update without the
 * hushpool:existence-profile tag returns the pool to the server's default profile; a tag that names no
 * profile is refused (docs/existence.md#choosing-a-profile).
 */
export const updateUserPool = defineOperation(
  "UpdateUserPool",
  z.object({ UserPoolId: shapes.userPoolId }).extend(mutablePoolSettings.shape),
  async ({ UserPoolId, ...settings }, { store, clock }: Pick<Services, "clock" | "store">) => {
    assertProfileTag(settings.UserPoolTags);
    const pool = await requirePool(store, UserPoolId);
    const config = updatedPoolConfig(poolConfig(pool), settings);
    const ok = await store.pools.update({ ...pool, config: { ...config }, modifiedAt: clock.now() });
    if (!ok) throw errors.poolNotFound(UserPoolId);
    return {};
  },
);
