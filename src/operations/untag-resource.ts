import { z } from "zod";
import { changePoolConfig } from "../domain/pools/change-pool.ts";
import { poolIdOfArn, withoutTags } from "../domain/pools/tags.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";
import { tagInputs } from "./tag-inputs.ts";

/**
 * UntagResource (docs/admin-users.md#tags): removes tags by key (absent keys are ignored). Removing
 * `hushpool:existence-profile` returns the pool to the server's `--existence-profile`.
 */
export const untagResource = defineOperation(
  "UntagResource",
  z.object({ ResourceArn: tagInputs.resourceArn, TagKeys: z.array(tagInputs.tagKey) }),
  async ({ ResourceArn, TagKeys }, { store, clock }: Pick<Services, "clock" | "store">) => {
    await changePoolConfig(store, poolIdOfArn(ResourceArn), clock.now(), (c) => ({
      ...c,
      UserPoolTags: withoutTags(c.UserPoolTags ?? {}, TagKeys),
    }));
    return {};
  },
);
