import { z } from "zod";
import { requirePoolAndUser, saveUser } from "../domain/users/admin-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * AdminDisableUser (docs/admin-users.md): "Deactivates a user and revokes all access tokens for the user"
 * (API reference). The user keeps showing in ListUsers with Enabled false; sign-in answers
 * "User is disabled.". Access tokens minted until now are revoked through meta.tokensRevokedBefore
 * (read by tokens/verify.ts) and every refresh token of the user is revoked.
 */
export const adminDisableUser = defineOperation(
  "AdminDisableUser",
  z.object({ UserPoolId: shapes.userPoolId, Username: shapes.username }),
  async ({ UserPoolId, Username }, { store, clock }: Pick<Services, "clock" | "store">) => {
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    const now = clock.now();
    await saveUser(store, pool, {
      ...user,
      enabled: false,
      meta: { ...user.meta, tokensRevokedBefore: now },
      modifiedAt: now,
    });
    await store.tokens.revokeUser(pool.id, user.sub, now);
    return {};
  },
);
