import { z } from "zod";
import { requirePool } from "../domain/pools/lookup.ts";
import { renderPool } from "../domain/pools/pool.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

export const describeUserPool = defineOperation(
  "DescribeUserPool",
  z.object({ UserPoolId: shapes.userPoolId }),
  async ({ UserPoolId }, { store, config }: Pick<Services, "config" | "store">) => {
    const pool = await requirePool(store, UserPoolId);
    return { UserPool: renderPool(pool, config.region, await store.users.count(pool.id)) };
  },
);
