import { z } from "zod";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { renderAdminGetUser } from "../domain/users/user-view.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/** AdminGetUser: by username or active alias (docs/operations.md#token-authorised-operations, docs/operations.md#username-models). */
export const adminGetUser = defineOperation(
  "AdminGetUser",
  z.object({ UserPoolId: shapes.userPoolId, Username: shapes.username }),
  async ({ UserPoolId, Username }, { store }: Pick<Services, "store">) => {
    const { user } = await requirePoolAndUser(store, UserPoolId, Username);
    return renderAdminGetUser(user);
  },
);
