import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * AdminDeleteUser (docs/admin-users.md): removes the user; the store also drops their codes and revokes their
 * refresh tokens in the same transaction. A user deleted concurrently is "User does not exist.".
 */
export const adminDeleteUser = defineOperation(
  "AdminDeleteUser",
  z.object({ UserPoolId: shapes.userPoolId, Username: shapes.username }),
  async ({ UserPoolId, Username }, { store }: Pick<Services, "store">) => {
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    if (!(await store.users.delete(pool.id, user.sub))) throw errors.userNotFound();
    return {};
  },
);
