import { z } from "zod";
import { renderDevice, requireDevice } from "../domain/mfa/devices.ts";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import type { Services } from "../services.ts";
import { deviceKey } from "./mfa-inputs.ts";
import { defineOperation } from "./operation.ts";

/** GetDevice (docs/mfa.md#device-operations): one of the signed-in user's devices. */
export const getDevice = defineOperation(
  "GetDevice",
  z.object({ DeviceKey: deviceKey, AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN) }),
  async ({ DeviceKey, AccessToken }, services: Pick<Services, "clock" | "probe" | "store" | "tokenKeys">) => {
    const { pool, user } = await authorizeAccessToken(services, AccessToken, "GetDevice");
    const d = await requireDevice(services.store, pool, user, DeviceKey);
    return { Device: renderDevice(pool, user, d, true) };
  },
);
