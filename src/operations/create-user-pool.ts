import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { assertProfileTag } from "../domain/existence/profile.ts";
import { newPoolId } from "../domain/ids.ts";
import { customPoolId } from "../domain/pools/custom-id.ts";
import { newPoolConfig, renderPool } from "../domain/pools/pool.ts";
import { createOnlyPoolSettings, mutablePoolSettings } from "../domain/pools/pool-settings.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { UniqueViolation } from "../storage/ports.ts";
import { defineOperation } from "./operation.ts";

const input = z
  .object({ PoolName: shapes.poolName })
  .extend(mutablePoolSettings.shape)
  .extend(createOnlyPoolSettings.shape);

/**
 * CreateUserPool: a new pool with Cognito's defaults; returns `{ UserPool }` (docs/operations.md#createuserpool).
 * The hushpool:existence-profile tag must name a profile (docs/existence.md#choosing-a-profile); a
 * `_custom_id_` tag pins the pool's id, refused when taken (docs/seeding.md#pinned-ids).
 */
export const createUserPool = defineOperation(
  "CreateUserPool",
  input,
  async (req, { store, clock, config }: Pick<Services, "clock" | "config" | "store">) => {
    const { PoolName, AliasAttributes, UsernameAttributes, UsernameConfiguration, Schema, ...settings } = req;
    assertProfileTag(settings.UserPoolTags);
    const poolConfig = newPoolConfig(
      { AliasAttributes, UsernameAttributes, UsernameConfiguration, Schema },
      settings,
    );
    const pinned = customPoolId(settings.UserPoolTags, config.region);
    const now = clock.now();
    for (;;) {
      const record = {
        id: pinned ?? newPoolId(config.region),
        name: PoolName,
        config: { ...poolConfig },
        createdAt: now,
        modifiedAt: now,
      };
      try {
        await store.pools.create(record);
        return { UserPool: renderPool(record, config.region, 0) };
      } catch (e) {
        if (!(e instanceof UniqueViolation)) throw e;
        if (pinned) throw errors.poolIdTaken(pinned);
        // A drawn id collided: draw again.
      }
    }
  },
);
