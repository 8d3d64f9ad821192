import { z } from "zod";
import { renderMfaConfig } from "../domain/mfa/index.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/** GetUserPoolMfaConfig (docs/mfa.md#pool-settings): what SetUserPoolMfaConfig stored. */
export const getUserPoolMfaConfig = defineOperation(
  "GetUserPoolMfaConfig",
  z.object({ UserPoolId: shapes.userPoolId }),
  async ({ UserPoolId }, { store }: Pick<Services, "store">) => {
    return renderMfaConfig(await requirePool(store, UserPoolId));
  },
);
