import { z } from "zod";
import { requirePool } from "../domain/pools/lookup.ts";
import { poolConfig } from "../domain/pools/pool.ts";
import { poolIdOfArn } from "../domain/pools/tags.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";
import { tagInputs } from "./tag-inputs.ts";

/** ListTagsForResource (docs/admin-users.md#tags): `{"Tags": {…}}`, an empty map for an untagged pool. */
export const listTagsForResource = defineOperation(
  "ListTagsForResource",
  z.object({ ResourceArn: tagInputs.resourceArn }),
  async ({ ResourceArn }, { store }: Pick<Services, "store">) => {
    const pool = await requirePool(store, poolIdOfArn(ResourceArn));
    return { Tags: { ...(poolConfig(pool).UserPoolTags ?? {}) } };
  },
);
