import { z } from "zod";
import { errors } from "../domain/errors/catalogue.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { poolConfig } from "../domain/pools/pool.ts";
import { shapes } from "../protocol/validation.ts";
import { defineOperation } from "./operation.ts";

export const deleteUserPool = defineOperation(
  "DeleteUserPool",
  z.object({ UserPoolId: shapes.userPoolId }),
  async ({ UserPoolId }, { store }) => {
    const pool = await requirePool(store, UserPoolId);
    if (poolConfig(pool).DeletionProtection === "ACTIVE") {
      throw errors.invalidParameter(
        "The user pool cannot be deleted because deletion protection is activated.",
      );
    }
    if (!(await store.pools.delete(UserPoolId))) throw errors.poolNotFound(UserPoolId);
    return {};
  },
);
