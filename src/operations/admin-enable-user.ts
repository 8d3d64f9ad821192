import { z } from "zod";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/** AdminEnableUser: the user may sign in again (docs/admin-users.md). */
export const adminEnableUser = defineOperation(
  "AdminEnableUser",
  z.object({ UserPoolId: shapes.userPoolId, Username: shapes.username }),
  async ({ UserPoolId, Username }, { store, clock }: Pick<Services, "clock" | "store">) => {
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    if (!user.enabled)
      await updateUser({ store }, pool, user, (u) => ({ ...u, enabled: true, modifiedAt: clock.now() }));
    return {};
  },
);
