import { z } from "zod";
import { renderDevice, requireDevice } from "../domain/mfa/devices.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { deviceKey } from "./mfa-inputs.ts";
import { defineOperation } from "./operation.ts";

/** AdminGetDevice (docs/mfa.md#device-operations): GetDevice for a named user. */
export const adminGetDevice = defineOperation(
  "AdminGetDevice",
  z.object({ DeviceKey: deviceKey, UserPoolId: shapes.userPoolId, Username: shapes.username }),
  async ({ DeviceKey, UserPoolId, Username }, { store }: Pick<Services, "store">) => {
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    const d = await requireDevice(store, pool, user, DeviceKey);
    return { Device: renderDevice(pool, user, d, true) };
  },
);
