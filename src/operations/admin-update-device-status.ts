import { z } from "zod";
import { requireDevice } from "../domain/mfa/devices.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { deviceKey, deviceRememberedStatus } from "./mfa-inputs.ts";
import { defineOperation } from "./operation.ts";

/** AdminUpdateDeviceStatus (docs/mfa.md#device-operations): UpdateDeviceStatus for a named user. */
export const adminUpdateDeviceStatus = defineOperation(
  "AdminUpdateDeviceStatus",
  z.object({
    UserPoolId: shapes.userPoolId,
    Username: shapes.username,
    DeviceKey: deviceKey,
    DeviceRememberedStatus: deviceRememberedStatus.optional(),
  }),
  async (input, { store, clock }: Pick<Services, "clock" | "store">) => {
    const { pool, user } = await requirePoolAndUser(store, input.UserPoolId, input.Username);
    const d = await requireDevice(store, pool, user, input.DeviceKey);
    const remembered = input.DeviceRememberedStatus === "remembered";
    await store.mfa.updateDevice({ ...d, remembered, modifiedAt: clock.now() });
    return {};
  },
);
