import { z } from "zod";
import { renderProvider, updateProvider } from "../domain/oauth/providers.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/** UpdateIdentityProvider (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateIdentityProvider.html). */
export const updateIdentityProvider = defineOperation(
  "UpdateIdentityProvider",
  z.object({
    UserPoolId: shapes.userPoolId,
    ProviderName: oauthShapes.providerNameAny,
    ProviderDetails: oauthShapes.details.optional(),
    AttributeMapping: oauthShapes.mapping.optional(),
    IdpIdentifiers: oauthShapes.idpIdentifiers.optional(),
  }),
  async (req, { store, clock }: Pick<Services, "store" | "clock">) => {
    const pool = await requirePool(store, req.UserPoolId);
    return { IdentityProvider: renderProvider(await updateProvider(store, pool, req, clock.now())) };
  },
);
