import { z } from "zod";
import { listDevices } from "../domain/mfa/devices.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { deviceLimit, paginationKey } from "./mfa-inputs.ts";
import { defineOperation } from "./operation.ts";

/** AdminListDevices (docs/mfa.md#device-operations): ListDevices for a named user. */
export const adminListDevices = defineOperation(
  "AdminListDevices",
  z.object({
    UserPoolId: shapes.userPoolId,
    Username: shapes.username,
    Limit: deviceLimit,
    PaginationToken: paginationKey,
  }),
  async ({ UserPoolId, Username, Limit, PaginationToken }, { store }: Pick<Services, "store">) => {
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    return listDevices(store, pool, user, Limit, PaginationToken);
  },
);
