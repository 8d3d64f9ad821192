import { z } from "zod";
import { changePoolConfig } from "../domain/pools/change-pool.ts";
import { poolIdOfArn, withTags } from "../domain/pools/tags.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";
import { tagInputs } from "./tag-inputs.ts";

/**
 * TagResource (docs/admin-users.md#tags): adds or replaces tags of a user pool. A
 * `hushpool:existence-profile` tag switches the pool's existence profile from the next request on;
 * one naming no profile is refused as at CreateUserPool (docs/existence.md#choosing-a-profile).
 */
export const tagResource = defineOperation(
  "TagResource",
  z.object({ ResourceArn: tagInputs.resourceArn, Tags: tagInputs.tags }),
  async ({ ResourceArn, Tags }, { store, clock }: Pick<Services, "clock" | "store">) => {
    await changePoolConfig(store, poolIdOfArn(ResourceArn), clock.now(), (c) => ({
      ...c,
      UserPoolTags: withTags(c.UserPoolTags ?? {}, Tags),
    }));
    return {};
  },
);
