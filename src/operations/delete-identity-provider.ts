import { z } from "zod";
import { deleteProvider } from "../domain/oauth/providers.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/** DeleteIdentityProvider (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteIdentityProvider.html). */
export const deleteIdentityProvider = defineOperation(
  "DeleteIdentityProvider",
  z.object({ UserPoolId: shapes.userPoolId, ProviderName: oauthShapes.providerNameAny }),
  async (req, { store }: Pick<Services, "store">) => {
    await requirePool(store, req.UserPoolId);
    await deleteProvider(store, req.UserPoolId, req.ProviderName);
    return {};
  },
);
