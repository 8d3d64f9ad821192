import { z } from "zod";
import { poolConfig } from "../domain/pools/pool.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { withoutAttributes } from "../domain/users/attribute-changes.ts";
import { updateUser } from "../domain/users/update-user.ts";
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
    const c = poolConfig(pool);
    withoutAttributes(c, user.attributes, UserAttributeNames); // refuses bad input before any write
    await updateUser({ store }, pool, user, (u) => ({
      ...u,
      attributes: withoutAttributes(c, u.attributes, UserAttributeNames),
      modifiedAt: clock.now(),
    }));
    return {};
  },
);
