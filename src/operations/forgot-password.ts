import { z } from "zod";
import { recoveryIsAdminOnly } from "../domain/codes/delivery.ts";
import { type CodeRequestKind, requestCode } from "../domain/codes/request-code.ts";
import { errors } from "../domain/errors/index.ts";
import { forgotPasswordState } from "../domain/existence/index.ts";
import type { Services } from "../services.ts";
import type { PoolRecord } from "../storage/ports.ts";
import { defineOperation } from "./operation.ts";
import { publicClientMembers } from "./public-inputs.ts";

const input = z.object(publicClientMembers);

/**
 * ForgotPassword's part in the code-request sequence (../domain/codes/request-code.ts): a 1-hour
 * FORGOT_PASSWORD code to a verified contact chosen by AccountRecoverySetting (or the legacy order),
 * UserMigration_ForgotPassword for an unknown name, CustomMessage_ForgotPassword on both paths
 * (docs/triggers.md), and the ForgotPassword rows of the existence table (docs/existence.md).
 */
const FORGOT_PASSWORD: CodeRequestKind = {
  operation: "ForgotPassword",
  channel: "recovery",
  purpose: "FORGOT_PASSWORD",
  message: "CustomMessage_ForgotPassword",
  classify: forgotPasswordState,
  migration: "UserMigration_ForgotPassword",
};

/**
 * A pool whose AccountRecoverySetting names admin_only sends no recovery codes, for any name, so it
 * refuses before the lookup (docs/existence.md#checks-made-before-the-table-the-same-answer-for-every-name;
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AccountRecoverySettingType.html).
 */
function refuseAdminOnly(pool: PoolRecord): void {
  if (recoveryIsAdminOnly(pool)) throw errors.recoveryAdminOnly();
}

/**
 * ForgotPassword sends a code for resetting the password and answers where it went
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html).
 * Under PreventUserExistenceErrors ENABLED an unknown or hidden user gets a simulated delivery after
 * the same work; the sequence does both.
 */
export const forgotPassword = defineOperation(
  "ForgotPassword",
  input,
  (
    req,
    services: Pick<
      Services,
      "box" | "clock" | "config" | "log" | "messenger" | "probe" | "secrets" | "store" | "triggers"
    >,
  ) => requestCode(services, { kind: FORGOT_PASSWORD, request: req, checkPool: refuseAdminOnly }),
);
