import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { verifyInSetup } from "../domain/mfa/mfa-setup.ts";
import { verifySecret } from "../domain/mfa/software-token.ts";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import { shapes } from "../protocol/validation.ts";
import { defineOperation } from "./operation.ts";
import { setupContext } from "./setup-context.ts";
import type { SignInServices } from "./sign-in-context.ts";

/**
 * VerifySoftwareToken (docs/mfa.md#totp): a code of the pending secret makes it the user's TOTP secret
 * (`Status: SUCCESS`); with an MFA_SETUP Session it also enables TOTP and answers the Session that
 * RespondToAuthChallenge MFA_SETUP takes.
 */
export const verifySoftwareToken = defineOperation(
  "VerifySoftwareToken",
  z.object({
    AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN).optional(),
    Session: shapes.session.optional(),
    UserCode: z
      .string()
      .min(6)
      .max(6)
      .regex(/^[0-9]+$/),
    FriendlyDeviceName: z.string().optional(),
  }),
  async ({ AccessToken, Session, UserCode, FriendlyDeviceName }, services: SignInServices) => {
    if (AccessToken !== undefined) {
      const { info, pool, user, now } = await authorizeAccessToken(
        services,
        AccessToken,
        "VerifySoftwareToken",
      );
      await verifySecret(services, pool, user, {
        code: UserCode,
        name: FriendlyDeviceName,
        now,
        token: info,
      });
      return { Status: "SUCCESS" };
    }
    if (Session === undefined) throw errors.missingParameter("AccessToken");
    return verifyInSetup(await setupContext(services, Session), Session, UserCode, FriendlyDeviceName);
  },
);
