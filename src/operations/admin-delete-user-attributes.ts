import { z } from "zod";
import { poolConfig } from "../domain/pools/pool.ts";
import { requirePoolAndUser, saveUser } from "../domain/users/admin-user.ts";
import { withoutAttributes } from "../domain/users/attribute-changes.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/** AdminDeleteUserAttributes (docs/admin-users.md): removes attributes; lookup keys follow (an alias goes with its value). */
export const adminDeleteUserAttributes = defineOperation(
  "AdminDeleteUserAttributes",
  z.object({
    UserPoolId: shapes.userPoolId,
    Username: shapes.username,
    UserAttributeNames: z.array(shapes.attributeName),
  }),
  async (
    { UserPoolId, Username, UserAttributeNames },
    { store, clock }: Pick<Services, "clock" | "store">,
  ) => {
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    const attributes = withoutAttributes(poolConfig(pool), user.attributes, UserAttributeNames);
    await saveUser(store, pool, { ...user, attributes, modifiedAt: clock.now() });
    return {};
  },
);
