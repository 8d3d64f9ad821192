import { z } from "zod";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/** DeleteUser (docs/operations.md#token-authorised-operations): the user deletes themself; their refresh tokens and codes go with them. */
export const deleteUser = defineOperation(
  "DeleteUser",
  z.object({ AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN) }),
  async ({ AccessToken }, services: Pick<Services, "clock" | "probe" | "store" | "tokenKeys">) => {
    const { pool, user } = await authorizeAccessToken(services, AccessToken, "DeleteUser");
    // One transaction: the user row, its codes, and its refresh tokens revoked (UserStore.delete).
    await services.store.users.delete(pool.id, user.sub);
    return {};
  },
);
