import { z } from "zod";
import { chargeAttempt } from "../domain/codes/attempts.ts";
import { isContactAttribute, issueAttributeCode } from "../domain/codes/attribute-codes.ts";
import { codeDeliveryDetails } from "../domain/codes/delivery.ts";
import { errors } from "../domain/errors/index.ts";
import { customMessage } from "../domain/trigger-calls/custom-message.ts";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * GetUserAttributeVerificationCode (docs/operations.md#token-authorised-operations): sends a code for the user's email or phone_number.
 * Requests are limited like other code requests (../domain/codes/attempts.ts: 10 per hour per user, then
 * `LimitExceededException`). An attribute that is not email/phone_number, or has no value, is an
 * InvalidParameterException (inferred wording; docs/authentication.md). CustomMessage_VerifyUserAttribute
 * can rewrite the message (docs/triggers.md).
 */
export const getUserAttributeVerificationCode = defineOperation(
  "GetUserAttributeVerificationCode",
  z.object({
    AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN),
    AttributeName: shapes.attributeName,
    ClientMetadata: shapes.stringMap.optional(),
  }),
  async (
    { AccessToken, AttributeName, ClientMetadata },
    services: Pick<
      Services,
      "clock" | "config" | "log" | "messenger" | "probe" | "secrets" | "store" | "tokenKeys" | "triggers"
    >,
  ) => {
    const { info, pool, user } = await authorizeAccessToken(
      services,
      AccessToken,
      "GetUserAttributeVerificationCode",
    );
    if (!isContactAttribute(AttributeName) || !user.attributes[AttributeName]) {
      throw errors.cannotVerifyAttribute(AttributeName);
    }
    await chargeAttempt(services, {
      poolId: pool.id,
      purpose: "GetUserAttributeVerificationCode",
      kind: "code-request",
      name: user.usernameKey,
    });
    const text = await customMessage(services, {
      pool,
      clientId: info.clientId,
      source: "CustomMessage_VerifyUserAttribute",
      subject: { user },
      clientMetadata: ClientMetadata,
    });
    return codeDeliveryDetails(await issueAttributeCode(services, pool, user, AttributeName, text));
  },
);
