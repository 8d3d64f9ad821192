import { z } from "zod";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import { signOutEverywhere } from "../domain/users/sign-out.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/** GlobalSignOut (docs/operations.md#token-authorised-operations): every token of the user stops working (`Access Token has been revoked`). */
export const globalSignOut = defineOperation(
  "GlobalSignOut",
  z.object({ AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN) }),
  async ({ AccessToken }, services: Pick<Services, "clock" | "probe" | "store" | "tokenKeys">) => {
    const { pool, user, now } = await authorizeAccessToken(services, AccessToken, "GlobalSignOut");
    await signOutEverywhere(services.store, pool, user, now);
    return {};
  },
);
