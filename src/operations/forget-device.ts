import { z } from "zod";
import { requireDevice } from "../domain/mfa/devices.ts";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import type { Services } from "../services.ts";
import { deviceKey } from "./mfa-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * ForgetDevice (docs/mfa.md#device-operations): the device is deleted; it can no longer pass device
 * authentication, and a later sign-in from it is a new device (MFA again where it applies). The model
 * makes AccessToken optional; hushpool needs it, as it names the user.
 */
export const forgetDevice = defineOperation(
  "ForgetDevice",
  z.object({ AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN), DeviceKey: deviceKey }),
  async ({ AccessToken, DeviceKey }, services: Pick<Services, "clock" | "probe" | "store" | "tokenKeys">) => {
    const { pool, user } = await authorizeAccessToken(services, AccessToken, "ForgetDevice");
    await requireDevice(services.store, pool, user, DeviceKey);
    await services.store.mfa.deleteDevice(pool.id, DeviceKey);
    return {};
  },
);
