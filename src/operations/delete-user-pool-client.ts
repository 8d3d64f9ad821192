import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

export const deleteUserPoolClient = defineOperation(
  "DeleteUserPoolClient",
  z.object({ UserPoolId: shapes.userPoolId, ClientId: shapes.clientId }),
  async ({ UserPoolId, ClientId }, { store }: Pick<Services, "store">) => {
    await requirePool(store, UserPoolId);
    if (!(await store.clients.delete(UserPoolId, ClientId))) throw errors.clientNotFound(ClientId);
    return {};
  },
);
