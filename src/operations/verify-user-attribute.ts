import { z } from "zod";
import { chargeAttempt, clearAttempts } from "../domain/codes/attempts.ts";
import { checkAttributeCode, isContactAttribute } from "../domain/codes/attribute-codes.ts";
import { acceptedCode, redeemCode } from "../domain/codes/verdict.ts";
import { errors } from "../domain/errors/index.ts";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import { saveUser } from "../domain/users/admin-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * VerifyUserAttribute (docs/operations.md#token-authorised-operations): checks the latest code for the attribute (single use, 24 h) and
 * marks it verified; in alias pools the address then becomes an alias (AliasExistsException when
 * another user holds it). Wrong codes are limited (10 per hour, then LimitExceededException).
 */
export const verifyUserAttribute = defineOperation(
  "VerifyUserAttribute",
  z.object({
    AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN),
    AttributeName: shapes.attributeName,
    Code: shapes.confirmationCode,
  }),
  async (
    { AccessToken, AttributeName, Code },
    services: Pick<Services, "clock" | "probe" | "secrets" | "store" | "tokenKeys">,
  ) => {
    const { pool, user, now } = await authorizeAccessToken(services, AccessToken, "VerifyUserAttribute");
    if (!isContactAttribute(AttributeName)) {
      throw errors.cannotVerifyAttribute(AttributeName);
    }
    const key = await chargeAttempt(services, {
      poolId: pool.id,
      purpose: "VerifyUserAttribute",
      kind: "code-entry",
      name: user.usernameKey,
    });
    const check = await checkAttributeCode(services, pool, user, AttributeName, Code);
    await redeemCode(services, acceptedCode(check));
    const attributes = { ...user.attributes, [`${AttributeName}_verified`]: "true" };
    await saveUser(services.store, pool, { ...user, attributes, modifiedAt: now });
    await clearAttempts(services, key);
    return {};
  },
);
