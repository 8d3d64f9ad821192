import { z } from "zod";
import { poolConfig } from "../domain/pools/pool.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { updatedAttributes } from "../domain/users/attribute-changes.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * AdminUpdateUserAttributes (docs/admin-users.md, docs/operations.md#token-authorised-operations): schema and mutability checks, a changed email/phone
 * becomes unverified unless the request sets its `_verified` flag, lookup keys are recomputed, and
 * an email/phone/preferred_username held by another user is AliasExistsException.
 */
export const adminUpdateUserAttributes = defineOperation(
  "AdminUpdateUserAttributes",
  z.object({
    UserPoolId: shapes.userPoolId,
    Username: shapes.username,
    UserAttributes: shapes.attributes,
    ClientMetadata: shapes.stringMap.optional(),
  }),
  async ({ UserPoolId, Username, UserAttributes }, { store, clock }: Pick<Services, "clock" | "store">) => {
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    const c = poolConfig(pool);
    updatedAttributes(c, user.attributes, UserAttributes); // refuses bad input before any write
    await updateUser({ store }, pool, user, (u) => ({
      ...u,
      attributes: updatedAttributes(c, u.attributes, UserAttributes),
      modifiedAt: clock.now(),
    }));
    return {};
  },
);
