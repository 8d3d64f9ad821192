import { z } from "zod";
import { updateResourceServer as update } from "../domain/oauth/resource-servers.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * UpdateResourceServer (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateResourceServer.html):
 * replaces Name and the whole Scopes list (omitted Scopes = none).
 */
export const updateResourceServer = defineOperation(
  "UpdateResourceServer",
  z.object({
    UserPoolId: shapes.userPoolId,
    Identifier: oauthShapes.identifier,
    Name: oauthShapes.resourceServerName,
    Scopes: oauthShapes.scopes.optional(),
  }),
  async (req, { store, clock }: Pick<Services, "store" | "clock">) => {
    await requirePool(store, req.UserPoolId);
    const server = await update(
      store,
      { UserPoolId: req.UserPoolId, Identifier: req.Identifier, Name: req.Name, Scopes: req.Scopes ?? [] },
      clock.now(),
    );
    return { ResourceServer: server };
  },
);
