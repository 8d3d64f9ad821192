import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { poolConfig } from "../domain/pools/pool.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

export const deleteUserPool = defineOperation(
  "DeleteUserPool",
  z.object({ UserPoolId: shapes.userPoolId }),
  async ({ UserPoolId }, { store }: Pick<Services, "store">) => {
    const pool = await requirePool(store, UserPoolId);
    if (poolConfig(pool).DeletionProtection === "ACTIVE") {
      throw errors.deletionProtected();
    }
    if (!(await store.pools.delete(UserPoolId))) throw errors.poolNotFound(UserPoolId);
    return {};
  },
);
