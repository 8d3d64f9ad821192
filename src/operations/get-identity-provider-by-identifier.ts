import { z } from "zod";
import { providerByIdentifier, renderProvider } from "../domain/oauth/providers.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/** GetIdentityProviderByIdentifier (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetIdentityProviderByIdentifier.html). */
export const getIdentityProviderByIdentifier = defineOperation(
  "GetIdentityProviderByIdentifier",
  z.object({ UserPoolId: shapes.userPoolId, IdpIdentifier: oauthShapes.idpIdentifier }),
  async (req, { store }: Pick<Services, "store">) => {
    await requirePool(store, req.UserPoolId);
    return {
      IdentityProvider: renderProvider(await providerByIdentifier(store, req.UserPoolId, req.IdpIdentifier)),
    };
  },
);
