import { z } from "zod";
import { listDevices } from "../domain/mfa/devices.ts";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import type { Services } from "../services.ts";
import { deviceLimit, paginationKey } from "./mfa-inputs.ts";
import { defineOperation } from "./operation.ts";

/** ListDevices (docs/mfa.md#device-operations): the signed-in user's tracked devices, `Limit` + `PaginationToken`. */
export const listDevicesOperation = defineOperation(
  "ListDevices",
  z.object({
    AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN),
    Limit: deviceLimit,
    PaginationToken: paginationKey,
  }),
  async (
    { AccessToken, Limit, PaginationToken },
    services: Pick<Services, "clock" | "probe" | "store" | "tokenKeys">,
  ) => {
    const { pool, user } = await authorizeAccessToken(services, AccessToken, "ListDevices");
    return listDevices(services.store, pool, user, Limit, PaginationToken);
  },
);
