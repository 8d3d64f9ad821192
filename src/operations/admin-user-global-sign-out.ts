import { z } from "zod";
import { existence } from "../domain/existence/index.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { signOutEverywhere } from "../domain/users/sign-out.ts";
import { findUser } from "../domain/users/username.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/** AdminUserGlobalSignOut (docs/operations.md#token-authorised-operations): GlobalSignOut for a user named by username or alias. */
export const adminUserGlobalSignOut = defineOperation(
  "AdminUserGlobalSignOut",
  z.object({ UserPoolId: shapes.userPoolId, Username: shapes.username }),
  async ({ UserPoolId, Username }, services: Pick<Services, "clock" | "probe" | "store">) => {
    const pool = await requirePool(services.store, UserPoolId);
    const user = await findUser(services.store, pool, Username);
    if (!user) {
      existence.decideOrThrow(null, "AdminUserGlobalSignOut", "unknown-user", services.probe);
      return {};
    }
    await signOutEverywhere(services.store, pool, user, services.clock.now());
    return {};
  },
);
