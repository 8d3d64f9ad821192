import { z } from "zod";
import { confirmDevice } from "../domain/mfa/devices.ts";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import type { Services } from "../services.ts";
import { deviceKey } from "./mfa-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * ConfirmDevice (docs/mfa.md#remembered-devices): the device a sign-in registered (NewDeviceMetadata)
 * gets its SRP verifier; `UserConfirmationNecessary` is true when the pool remembers devices only on
 * the user's prompt.
 */
export const confirmDeviceOperation = defineOperation(
  "ConfirmDevice",
  z.object({
    AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN),
    DeviceKey: deviceKey,
    DeviceSecretVerifierConfig: z
      .object({ PasswordVerifier: z.string().max(4096).optional(), Salt: z.string().max(1024).optional() })
      .optional(),
    DeviceName: z.string().min(1).max(1024).optional(),
  }),
  async (input, services: Pick<Services, "box" | "clock" | "probe" | "store" | "tokenKeys">) => {
    const { pool, user, now } = await authorizeAccessToken(services, input.AccessToken, "ConfirmDevice");
    return confirmDevice(services, pool, user, {
      deviceKey: input.DeviceKey,
      salt: input.DeviceSecretVerifierConfig?.Salt,
      verifier: input.DeviceSecretVerifierConfig?.PasswordVerifier,
      name: input.DeviceName,
      now,
    });
  },
);
