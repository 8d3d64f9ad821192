import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { linkProvider } from "../domain/oauth/federated-users.ts";
import { requireProvider } from "../domain/oauth/providers.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { findUser } from "../domain/users/username.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * AdminLinkProviderForUser (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminLinkProviderForUser.html):
 * the external identity (SourceUser) will sign in as the local user (DestinationUser); refused when
 * that identity has signed in already (`Merging is not currently supported, …`). docs/oauth.md#provider-links.
 */
export const adminLinkProviderForUser = defineOperation(
  "AdminLinkProviderForUser",
  z.object({
    UserPoolId: shapes.userPoolId,
    DestinationUser: oauthShapes.providerUser,
    SourceUser: oauthShapes.providerUser,
  }),
  async (req, { store, clock }: Pick<Services, "store" | "clock">) => {
    const pool = await requirePool(store, req.UserPoolId);
    const src = req.SourceUser;
    if (!src.ProviderName || src.ProviderName.toLowerCase() === "cognito" || !src.ProviderAttributeValue)
      throw errors.invalidSourceUser();
    const dst = req.DestinationUser;
    if (dst.ProviderName?.toLowerCase() !== "cognito" || !dst.ProviderAttributeValue)
      throw errors.invalidDestinationUser();
    const provider = await requireProvider(store, pool.id, src.ProviderName);
    const user = await findUser(store, pool, dst.ProviderAttributeValue);
    if (!user) throw errors.userNotFound();
    await linkProvider(store, pool, user, provider, src.ProviderAttributeValue, clock.now());
    return {};
  },
);
