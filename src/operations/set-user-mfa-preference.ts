import { z } from "zod";
import { appliedPreference, withMfa } from "../domain/mfa/index.ts";
import {
  ACCESS_TOKEN_PATTERN,
  assertStillAuthorized,
  authorizeAccessToken,
} from "../domain/users/access-token.ts";
import { updateUser } from "../domain/users/update-user.ts";
import type { Services } from "../services.ts";
import { mfaPreference } from "./mfa-inputs.ts";
import { defineOperation } from "./operation.ts";

/** SetUserMFAPreference (docs/mfa.md#user-settings): the signed-in user's MFA methods and preferred one. */
export const setUserMfaPreference = defineOperation(
  "SetUserMFAPreference",
  z.object({ AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN), ...mfaPreference }),
  async ({ AccessToken, ...input }, services: Pick<Services, "clock" | "probe" | "store" | "tokenKeys">) => {
    const { info, pool, user, now } = await authorizeAccessToken(
      services,
      AccessToken,
      "SetUserMFAPreference",
    );
    await updateUser({ store: services.store }, pool, user, (u) => {
      assertStillAuthorized(info, u);
      return withMfa(u, appliedPreference(u, input), now);
    });
    return {};
  },
);
