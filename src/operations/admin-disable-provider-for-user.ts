import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { unlinkProvider } from "../domain/oauth/federated-users.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * AdminDisableProviderForUser (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableProviderForUser.html):
 * removes the link of an external identity (and the identity from the user's `identities`); its next
 * sign-in makes a new federated user. docs/oauth.md#provider-links.
 */
export const adminDisableProviderForUser = defineOperation(
  "AdminDisableProviderForUser",
  z.object({ UserPoolId: shapes.userPoolId, User: oauthShapes.providerUser }),
  async (req, { store }: Pick<Services, "store">) => {
    const pool = await requirePool(store, req.UserPoolId);
    const u = req.User;
    if (!u.ProviderName || !u.ProviderAttributeValue) throw errors.invalidSourceUser();
    if (!(await unlinkProvider(store, pool, u.ProviderName, u.ProviderAttributeValue)))
      throw errors.userNotFound();
    return {};
  },
);
