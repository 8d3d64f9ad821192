import { z } from "zod";
import { passwordPolicyOf, poolConfig } from "../domain/pools/pool.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { sealCredential } from "../domain/users/credentials.ts";
import { enforcePolicy } from "../domain/users/password-policy.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * AdminSetUserPassword (docs/admin-users.md): Permanent → CONFIRMED, otherwise FORCE_CHANGE_PASSWORD (the user
 * meets NEW_PASSWORD_REQUIRED at the next sign-in, and the new temporary password's validity period
 * starts now). Policy violations use the "does not conform to" wording (docs/operations.md#password-policy).
 */
export const adminSetUserPassword = defineOperation(
  "AdminSetUserPassword",
  z.object({
    UserPoolId: shapes.userPoolId,
    Username: shapes.username,
    Password: shapes.password,
    Permanent: z.boolean().optional(),
  }),
  async (
    { UserPoolId, Username, Password, Permanent },
    { store, box, clock }: Pick<Services, "box" | "clock" | "store">,
  ) => {
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    enforcePolicy(passwordPolicyOf(poolConfig(pool)), Password, "other");
    const now = clock.now();
    const credential = sealCredential(box, user, Password);
    await updateUser({ store }, pool, user, (u) => ({
      ...u,
      credential,
      credentialSetAt: now,
      status: Permanent === true ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD",
      modifiedAt: now,
    }));
    return {};
  },
);
