import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { postConfirmation } from "../domain/trigger-calls/sign-up.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * AdminConfirmSignUp (docs/admin-users.md): UNCONFIRMED → CONFIRMED without a code; any other status gets
 * `User cannot be confirmed. Current status is <STATUS>` (the ConfirmSignUp text, docs/errors.md). It
 * verifies no attribute, so aliases do not change. PostConfirmation_ConfirmSignUp follows (docs/triggers.md#postconfirmation).
 */
export const adminConfirmSignUp = defineOperation(
  "AdminConfirmSignUp",
  z.object({
    UserPoolId: shapes.userPoolId,
    Username: shapes.username,
    ClientMetadata: shapes.stringMap.optional(),
  }),
  async (
    { UserPoolId, Username, ClientMetadata },
    services: Pick<Services, "clock" | "config" | "log" | "store" | "triggers">,
  ) => {
    const { store, clock } = services;
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    if (user.status !== "UNCONFIRMED") {
      throw errors.cannotConfirm(user.status);
    }
    const saved = await updateUser({ store }, pool, user, (u) => {
      // Checked again on the row written: a concurrent confirmation or reset wins over this one.
      if (u.status !== "UNCONFIRMED") throw errors.cannotConfirm(u.status);
      return { ...u, status: "CONFIRMED", modifiedAt: clock.now() };
    });
    await postConfirmation(services, {
      pool,
      clientId: undefined,
      source: "PostConfirmation_ConfirmSignUp",
      user: saved,
      clientMetadata: ClientMetadata,
    });
    return {};
  },
);
