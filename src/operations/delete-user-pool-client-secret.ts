import { z } from "zod";
import { requirePool } from "../domain/pools/lookup.ts";
import { deleteClientSecret } from "../domain/pools/rotate-secrets.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/** DeleteUserPoolClientSecret (docs/operations.md#client-secrets): any secret but the last. */
export const deleteUserPoolClientSecret = defineOperation(
  "DeleteUserPoolClientSecret",
  z.object({
    UserPoolId: shapes.userPoolId,
    ClientId: shapes.clientId,
    ClientSecretId: z.string().min(1).max(128),
  }),
  async (
    { UserPoolId, ClientId, ClientSecretId },
    { store, box, clock }: Pick<Services, "box" | "clock" | "store">,
  ) => {
    await requirePool(store, UserPoolId);
    await deleteClientSecret(store, box, UserPoolId, ClientId, ClientSecretId, clock.now());
    return {};
  },
);
