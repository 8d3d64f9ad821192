import { z } from "zod";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import { startRegistration } from "../domain/webauthn/registration.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * StartWebAuthnRegistration (docs/passkeys.md#registration): the signed-in user asks for passkey
 * creation options; the challenge is remembered for CompleteWebAuthnRegistration.
 */
export const startWebAuthnRegistration = defineOperation(
  "StartWebAuthnRegistration",
  z.object({ AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN) }),
  async ({ AccessToken }, services: Pick<Services, "box" | "clock" | "probe" | "store" | "tokenKeys">) => {
    const { info, pool, user } = await authorizeAccessToken(
      services,
      AccessToken,
      "StartWebAuthnRegistration",
    );
    const options = await startRegistration(services, { pool, user, clientId: info.clientId });
    return { CredentialCreationOptions: options };
  },
);
