import { z } from "zod";
import { createProvider, renderProvider } from "../domain/oauth/providers.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * CreateIdentityProvider (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html):
 * ProviderDetails checked per type, social endpoints filled in as Cognito fills them, AttributeMapping
 * keys checked against the pool's attributes (docs/oauth.md#identity-providers).
 */
export const createIdentityProvider = defineOperation(
  "CreateIdentityProvider",
  z.object({
    UserPoolId: shapes.userPoolId,
    ProviderName: oauthShapes.providerName,
    ProviderType: oauthShapes.providerType,
    ProviderDetails: oauthShapes.details,
    AttributeMapping: oauthShapes.mapping.optional(),
    IdpIdentifiers: oauthShapes.idpIdentifiers.optional(),
  }),
  async (req, { store, clock }: Pick<Services, "store" | "clock">) => {
    const pool = await requirePool(store, req.UserPoolId);
    return { IdentityProvider: renderProvider(await createProvider(store, pool, req, clock.now())) };
  },
);
