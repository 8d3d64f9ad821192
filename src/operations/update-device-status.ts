import { z } from "zod";
import { requireDevice } from "../domain/mfa/devices.ts";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import type { Services } from "../services.ts";
import { deviceKey, deviceRememberedStatus } from "./mfa-inputs.ts";
import { defineOperation } from "./operation.ts";

/** UpdateDeviceStatus (docs/mfa.md#device-operations): remembered or not, without forgetting the device. */
export const updateDeviceStatus = defineOperation(
  "UpdateDeviceStatus",
  z.object({
    AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN),
    DeviceKey: deviceKey,
    DeviceRememberedStatus: deviceRememberedStatus.optional(),
  }),
  async (input, services: Pick<Services, "clock" | "probe" | "store" | "tokenKeys">) => {
    const { pool, user, now } = await authorizeAccessToken(services, input.AccessToken, "UpdateDeviceStatus");
    const d = await requireDevice(services.store, pool, user, input.DeviceKey);
    const remembered = input.DeviceRememberedStatus === "remembered";
    await services.store.mfa.updateDevice({ ...d, remembered, modifiedAt: now });
    return {};
  },
);
