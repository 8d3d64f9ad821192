import { z } from "zod";
import { renderProvider, requireProvider } from "../domain/oauth/providers.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/** DescribeIdentityProvider (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeIdentityProvider.html). */
export const describeIdentityProvider = defineOperation(
  "DescribeIdentityProvider",
  z.object({ UserPoolId: shapes.userPoolId, ProviderName: oauthShapes.providerNameAny }),
  async (req, { store }: Pick<Services, "store">) => {
    await requirePool(store, req.UserPoolId);
    return {
      IdentityProvider: renderProvider(await requireProvider(store, req.UserPoolId, req.ProviderName)),
    };
  },
);
