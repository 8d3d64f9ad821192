import { z } from "zod";
import { appliedSettings, withMfa } from "../domain/mfa/index.ts";
import {
  ACCESS_TOKEN_PATTERN,
  assertStillAuthorized,
  authorizeAccessToken,
} from "../domain/users/access-token.ts";
import { updateUser } from "../domain/users/update-user.ts";
import type { Services } from "../services.ts";
import { mfaOptions } from "./mfa-inputs.ts";
import { defineOperation } from "./operation.ts";

/** SetUserSettings (docs/mfa.md#user-settings): the legacy SMS MFA switch (MFAOptions). */
export const setUserSettings = defineOperation(
  "SetUserSettings",
  z.object({ AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN), MFAOptions: mfaOptions }),
  async (
    { AccessToken, MFAOptions },
    services: Pick<Services, "clock" | "probe" | "store" | "tokenKeys">,
  ) => {
    const { info, pool, user, now } = await authorizeAccessToken(services, AccessToken, "SetUserSettings");
    await updateUser({ store: services.store }, pool, user, (u) => {
      assertStillAuthorized(info, u);
      return withMfa(u, appliedSettings(u, MFAOptions), now);
    });
    return {};
  },
);
