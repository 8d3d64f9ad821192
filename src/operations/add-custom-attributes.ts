import { z } from "zod";
import { changePoolConfig } from "../domain/pools/change-pool.ts";
import { schemaAttribute } from "../domain/pools/pool-settings.ts";
import { withCustomAttributes } from "../domain/pools/schema.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * AddCustomAttributes (docs/admin-users.md#the-attribute-schema): appends custom (`custom:<name>`) or
 * developer-only (`dev:<name>`) attributes to the pool's schema, with CreateUserPool's checks and
 * words. Attributes are never removed or changed. Two concurrent calls both land
 * (compare-and-set on the pool, docs/storage.md#no-lost-updates).
 */
export const addCustomAttributes = defineOperation(
  "AddCustomAttributes",
  z.object({ UserPoolId: shapes.userPoolId, CustomAttributes: z.array(schemaAttribute).min(1).max(25) }),
  async ({ UserPoolId, CustomAttributes }, { store, clock }: Pick<Services, "clock" | "store">) => {
    await changePoolConfig(store, UserPoolId, clock.now(), (c) => ({
      ...c,
      SchemaAttributes: withCustomAttributes(c.SchemaAttributes, CustomAttributes),
    }));
    return {};
  },
);
