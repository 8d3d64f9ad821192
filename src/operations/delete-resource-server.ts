import { z } from "zod";
import { deleteResourceServer as remove } from "../domain/oauth/resource-servers.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/** DeleteResourceServer (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteResourceServer.html). */
export const deleteResourceServer = defineOperation(
  "DeleteResourceServer",
  z.object({ UserPoolId: shapes.userPoolId, Identifier: oauthShapes.identifier }),
  async (req, { store }: Pick<Services, "store">) => {
    await requirePool(store, req.UserPoolId);
    await remove(store, req.UserPoolId, req.Identifier);
    return {};
  },
);
