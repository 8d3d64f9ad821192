import { z } from "zod";
import { createResourceServer as create } from "../domain/oauth/resource-servers.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/** CreateResourceServer (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateResourceServer.html). */
export const createResourceServer = defineOperation(
  "CreateResourceServer",
  z.object({
    UserPoolId: shapes.userPoolId,
    Identifier: oauthShapes.identifier,
    Name: oauthShapes.resourceServerName,
    Scopes: oauthShapes.scopes.optional(),
  }),
  async (req, { store, clock }: Pick<Services, "store" | "clock">) => {
    const pool = await requirePool(store, req.UserPoolId);
    const server = await create(
      store,
      { UserPoolId: pool.id, Identifier: req.Identifier, Name: req.Name, Scopes: req.Scopes ?? [] },
      clock.now(),
    );
    return { ResourceServer: server };
  },
);
