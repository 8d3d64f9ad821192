import { z } from "zod";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { revokedSince } from "../domain/users/sign-out.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * AdminDisableUser (docs/admin-users.md): "Deactivates a user and revokes all access tokens for the user"
 * (API reference). The user keeps showing in ListUsers with Enabled false; sign-in answers
 * "User is disabled.". Access tokens minted until now are revoked through meta.tokensRevokedBefore
 * (read by tokens/verify.ts) and every refresh token of the user is revoked, in one transaction; the
 * change is applied to the freshest row, so a concurrent save cannot undo it (docs/storage.md#no-lost-updates).
 */
export const adminDisableUser = defineOperation(
  "AdminDisableUser",
  z.object({ UserPoolId: shapes.userPoolId, Username: shapes.username }),
  async ({ UserPoolId, Username }, { store, clock }: Pick<Services, "clock" | "store">) => {
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    const now = clock.now();
    await updateUser({ store }, pool, user, (u) => ({ ...revokedSince(u, now), enabled: false }), {
      also: (tx) => tx.store.tokens.revokeUser(pool.id, user.sub, now),
    });
    return {};
  },
);
