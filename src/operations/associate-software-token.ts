import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { associateInSetup } from "../domain/mfa/mfa-setup.ts";
import { associateSecret } from "../domain/mfa/software-token.ts";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import { shapes } from "../protocol/validation.ts";
import { defineOperation } from "./operation.ts";
import { setupContext } from "./setup-context.ts";
import type { SignInServices } from "./sign-in-context.ts";

/**
 * AssociateSoftwareToken (docs/mfa.md#totp): a new TOTP secret (base32 SecretCode) for the signed-in
 * user, or — with the Session of an MFA_SETUP challenge — for the user signing in, with a new Session
 * for VerifySoftwareToken.
 */
export const associateSoftwareToken = defineOperation(
  "AssociateSoftwareToken",
  z.object({
    AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN).optional(),
    Session: shapes.session.optional(),
  }),
  async ({ AccessToken, Session }, services: SignInServices) => {
    if (AccessToken !== undefined) {
      const { info, pool, user, now } = await authorizeAccessToken(
        services,
        AccessToken,
        "AssociateSoftwareToken",
      );
      return { SecretCode: await associateSecret(services, pool, user, now, info) };
    }
    if (Session === undefined) throw errors.missingParameter("AccessToken");
    return associateInSetup(await setupContext(services, Session), Session);
  },
);
