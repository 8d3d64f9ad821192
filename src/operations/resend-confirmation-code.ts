import { z } from "zod";
import { channelMedia } from "../domain/codes/delivery.ts";
import { type CodeRequestKind, requestCode } from "../domain/codes/request-code.ts";
import { errors } from "../domain/errors/index.ts";
import { resendState } from "../domain/existence/index.ts";
import type { Services } from "../services.ts";
import type { PoolRecord } from "../storage/ports.ts";
import { defineOperation } from "./operation.ts";
import { publicClientMembers } from "./public-inputs.ts";

const input = z.object(publicClientMembers);

/**
 * ResendConfirmationCode's part in the code-request sequence (../domain/codes/request-code.ts): a new
 * 24-hour SIGN_UP code (replacing the outstanding one) to the contact the pool auto-verifies,
 * CustomMessage_ResendCode on both paths (docs/triggers.md), no UserMigration, and the
 * ResendConfirmationCode rows of the existence table (docs/existence.md).
 */
const RESEND_CONFIRMATION_CODE: CodeRequestKind = {
  operation: "ResendConfirmationCode",
  channel: "sign-up",
  purpose: "SIGN_UP",
  message: "CustomMessage_ResendCode",
  classify: resendState,
};

/**
 * A pool that auto-verifies nothing sends no sign-up codes, for any name, so it refuses before the
 * lookup and says nothing about users (docs/existence.md#checks-made-before-the-table-the-same-answer-for-every-name).
 */
function refuseWithoutAutoVerification(pool: PoolRecord): void {
  if (channelMedia(pool, "sign-up").length === 0) {
    throw errors.cannotResendCodes();
  }
}

/**
 * ResendConfirmationCode sends an unconfirmed user a new sign-up code and answers where it went
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResendConfirmationCode.html).
 * Under PreventUserExistenceErrors ENABLED an unknown or hidden user gets a simulated delivery after
 * the same work; the sequence does both.
 */
export const resendConfirmationCode = defineOperation(
  "ResendConfirmationCode",
  input,
  (
    req,
    services: Pick<
      Services,
      "box" | "clock" | "config" | "log" | "messenger" | "probe" | "secrets" | "store" | "triggers"
    >,
  ) =>
    requestCode(services, {
      kind: RESEND_CONFIRMATION_CODE,
      request: req,
      checkPool: refuseWithoutAutoVerification,
    }),
);
