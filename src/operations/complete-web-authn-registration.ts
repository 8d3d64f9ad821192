import { z } from "zod";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import { completeRegistration } from "../domain/webauthn/registration.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * CompleteWebAuthnRegistration (docs/passkeys.md#registration): verifies the RegistrationResponseJSON
 * (`Credential`, a JSON document) against the started registration and stores the passkey.
 */
export const completeWebAuthnRegistration = defineOperation(
  "CompleteWebAuthnRegistration",
  z.object({
    AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN),
    Credential: z.record(z.string(), z.unknown()),
  }),
  async (
    { AccessToken, Credential },
    services: Pick<Services, "box" | "clock" | "probe" | "store" | "tokenKeys">,
  ) => {
    const { info, pool, user } = await authorizeAccessToken(
      services,
      AccessToken,
      "CompleteWebAuthnRegistration",
    );
    await completeRegistration(services, { pool, user, clientId: info.clientId, credential: Credential });
    return {};
  },
);
