import { z } from "zod";
import { appliedPreference, withMfa } from "../domain/mfa/index.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { mfaPreference } from "./mfa-inputs.ts";
import { defineOperation } from "./operation.ts";

/** AdminSetUserMFAPreference (docs/mfa.md#user-settings): SetUserMFAPreference for a named user. */
export const adminSetUserMfaPreference = defineOperation(
  "AdminSetUserMFAPreference",
  z.object({ UserPoolId: shapes.userPoolId, Username: shapes.username, ...mfaPreference }),
  async ({ UserPoolId, Username, ...input }, { store, clock }: Pick<Services, "clock" | "store">) => {
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    const now = clock.now();
    await updateUser({ store }, pool, user, (u) => withMfa(u, appliedPreference(u, input), now));
    return {};
  },
);
