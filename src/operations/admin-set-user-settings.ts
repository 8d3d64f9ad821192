import { z } from "zod";
import { appliedSettings, withMfa } from "../domain/mfa/index.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { mfaOptions } from "./mfa-inputs.ts";
import { defineOperation } from "./operation.ts";

/** AdminSetUserSettings (docs/mfa.md#user-settings): SetUserSettings for a named user. */
export const adminSetUserSettings = defineOperation(
  "AdminSetUserSettings",
  z.object({ UserPoolId: shapes.userPoolId, Username: shapes.username, MFAOptions: mfaOptions }),
  async ({ UserPoolId, Username, MFAOptions }, { store, clock }: Pick<Services, "clock" | "store">) => {
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    const now = clock.now();
    await updateUser({ store }, pool, user, (u) => withMfa(u, appliedSettings(u, MFAOptions), now));
    return {};
  },
);
