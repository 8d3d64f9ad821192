import { z } from "zod";
import { channelMedia, contactOf } from "../domain/codes/delivery.ts";
import { issueCode } from "../domain/codes/issue.ts";
import { adminResetState, existence } from "../domain/existence/index.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { customMessage } from "../domain/trigger-calls/custom-message.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { findUser } from "../domain/users/username.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import type { UserRecord } from "../storage/ports.ts";
import { defineOperation } from "./operation.ts";

const input = z.object({
  UserPoolId: shapes.userPoolId,
  Username: shapes.username,
  ClientMetadata: shapes.stringMap.optional(),
});

/**
 * AdminResetUserPassword (API doc, docs/errors.md): the user must reset their password; sign-in answers
 * PasswordResetRequiredException (LEGACY) until ConfirmForgotPassword. A reset code goes out like
 * ForgotPassword's when the user has a verified contact; without one the status still changes and no
 * message is sent (API doc). FORCE_CHANGE_PASSWORD users cannot be reset. The sealed credential is
 * kept so sign-in can still run its equal-work password check; the status alone blocks it. The code's
 * message goes through CustomMessage_ForgotPassword (docs/triggers.md), called first; the status,
 * the code and its message are then one transaction, on the freshest row (docs/storage.md#transactions).
 */
export const adminResetUserPassword = defineOperation(
  "AdminResetUserPassword",
  input,
  async (
    req,
    services: Pick<
      Services,
      "clock" | "config" | "log" | "messenger" | "probe" | "secrets" | "store" | "triggers"
    >,
  ) => {
    const { store, clock } = services;
    const pool = await requirePool(store, req.UserPoolId);
    const user = await findUser(store, pool, req.Username);
    existence.decideOrThrow(null, "AdminResetUserPassword", adminResetState(user), services.probe);
    if (!user) throw new Error("existence table proceeded without a user");
    const now = clock.now();
    const reset = (u: UserRecord): UserRecord => ({ ...u, status: "RESET_REQUIRED", modifiedAt: now });
    const media = channelMedia(pool, "recovery");
    const text = contactOf(user, media, true)
      ? await customMessage(services, {
          pool,
          clientId: undefined,
          source: "CustomMessage_ForgotPassword",
          subject: { user: reset(user) },
          clientMetadata: req.ClientMetadata,
        })
      : undefined;
    await updateUser(services, pool, user, reset, {
      also: async (tx, saved) => {
        const target = contactOf(saved, media, true);
        if (target) await issueCode(tx, { pool, user: saved, purpose: "FORGOT_PASSWORD", target, text });
      },
    });
    return {};
  },
);
