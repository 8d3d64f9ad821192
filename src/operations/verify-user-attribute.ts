import { z } from "zod";
import { chargeAttempt, clearAttempts } from "../domain/codes/attempts.ts";
import { checkAttributeCode, isContactAttribute } from "../domain/codes/attribute-codes.ts";
import { acceptedCode, redeemCode } from "../domain/codes/verdict.ts";
import { errors } from "../domain/errors/index.ts";
import {
  ACCESS_TOKEN_PATTERN,
  assertStillAuthorized,
  authorizeAccessToken,
} from "../domain/users/access-token.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * VerifyUserAttribute (docs/operations.md#token-authorised-operations): checks the latest code for the attribute (single use, 24 h) and
 * marks it verified; in alias pools the address then becomes an alias (AliasExistsException when
 * another user holds it). Wrong codes are limited (10 per hour, then LimitExceededException). The
 * code is used up, the user saved and the attempts forgotten in one transaction.
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
    const { info, pool, user, now } = await authorizeAccessToken(
      services,
      AccessToken,
      "VerifyUserAttribute",
    );
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
    const record = acceptedCode(check);
    const address = user.attributes[AttributeName];
    const change = (u: typeof user) => {
      assertStillAuthorized(info, u);
      // The code was sent to the address read above; a different one now is not verified by it.
      if (u.attributes[AttributeName] !== address) throw errors.codeMismatch();
      return {
        ...u,
        attributes: { ...u.attributes, [`${AttributeName}_verified`]: "true" },
        modifiedAt: now,
      };
    };
    await updateUser(services, pool, user, change, {
      also: async (tx) => {
        await redeemCode(tx, record);
        await clearAttempts(tx, key);
      },
    });
    return {};
  },
);
