import { z } from "zod";
import { deleteDomain, requireOwnDomain } from "../domain/oauth/domains.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/** DeleteUserPoolDomain (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolDomain.html). */
export const deleteUserPoolDomain = defineOperation(
  "DeleteUserPoolDomain",
  z.object({ Domain: oauthShapes.domain, UserPoolId: shapes.userPoolId }),
  async (req, { store }: Pick<Services, "store">) => {
    await requirePool(store, req.UserPoolId);
    await deleteDomain(store, await requireOwnDomain(store, req.UserPoolId, req.Domain));
    return {};
  },
);
