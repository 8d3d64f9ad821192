import { z } from "zod";
import { domainOf } from "../domain/oauth/domains.ts";
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
    const domain = await domainOf(store, pool.id);
    const rendered = renderPool(pool, config.region, await store.users.count(pool.id));
    // UserPoolType.Domain: the pool's prefix domain, when it has one.
    return { UserPool: domain ? { ...rendered, Domain: domain.domain } : rendered };
  },
);
