import { z } from "zod";
import { requireDevice } from "../domain/mfa/devices.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { deviceKey } from "./mfa-inputs.ts";
import { defineOperation } from "./operation.ts";

/** AdminForgetDevice (docs/mfa.md#device-operations): ForgetDevice for a named user. */
export const adminForgetDevice = defineOperation(
  "AdminForgetDevice",
  z.object({ UserPoolId: shapes.userPoolId, Username: shapes.username, DeviceKey: deviceKey }),
  async ({ UserPoolId, Username, DeviceKey }, { store }: Pick<Services, "store">) => {
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    await requireDevice(store, pool, user, DeviceKey);
    await store.mfa.deleteDevice(pool.id, DeviceKey);
    return {};
  },
);
