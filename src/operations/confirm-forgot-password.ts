import { z } from "zod";
import { type CodeEntryKind, enterCode } from "../domain/codes/enter-code.ts";
import { passwordPolicyOf, poolConfig } from "../domain/pools/pool.ts";
import { postConfirmation } from "../domain/trigger-calls/sign-up.ts";
import { sealCredential } from "../domain/users/credentials.ts";
import { enforcePolicy } from "../domain/users/password-policy.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import type { UserRecord } from "../storage/ports.ts";
import { defineOperation } from "./operation.ts";
import { publicClientMembers } from "./public-inputs.ts";

const input = z.object({
  ...publicClientMembers,
  ConfirmationCode: shapes.confirmationCode,
  Password: shapes.password,
});

/** ConfirmForgotPassword's part in the code-entry sequence (../domain/codes/enter-code.ts). */
const CONFIRM_FORGOT_PASSWORD: CodeEntryKind = {
  operation: "ConfirmForgotPassword",
  channel: "recovery",
  purpose: "FORGOT_PASSWORD",
};

/**
 * ConfirmForgotPassword takes the code ForgotPassword sent and sets the new password
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmForgotPassword.html).
 * The new password is checked against the pool's policy first, for any name (InvalidPasswordException;
 * docs/existence.md#checks-made-before-the-table-the-same-answer-for-every-name). The sequence checks the code (no outstanding
 * code is ExpiredCodeException; a masked name answers CodeMismatchException after the same work). A
 * right code sets the password and the status CONFIRMED (also from RESET_REQUIRED and UNCONFIRMED),
 * then PostConfirmation_ConfirmForgotPassword runs (docs/triggers.md).
 */
export const confirmForgotPassword = defineOperation(
  "ConfirmForgotPassword",
  input,
  async (
    req,
    services: Pick<Services, "box" | "clock" | "config" | "log" | "probe" | "secrets" | "store" | "triggers">,
  ) => {
    const { box, clock } = services;
    const entry = await enterCode(services, {
      kind: CONFIRM_FORGOT_PASSWORD,
      request: req,
      checkPool: (pool) => enforcePolicy(passwordPolicyOf(poolConfig(pool)), req.Password, "other"),
    });
    const { client, pool, user } = entry;
    const now = clock.now();
    const credential = sealCredential(box, user, req.Password);
    const reset = (u: UserRecord): UserRecord => ({
      ...u,
      credential,
      credentialSetAt: now,
      status: "CONFIRMED",
      modifiedAt: now,
    });
    // The code used up and the password set in one transaction, on the freshest row.
    const saved = await entry.redeem((tx) => updateUser(tx, pool, user, reset));
    await postConfirmation(services, {
      pool,
      clientId: client.clientId,
      source: "PostConfirmation_ConfirmForgotPassword",
      user: saved,
      clientMetadata: req.ClientMetadata,
    });
    return {};
  },
);
