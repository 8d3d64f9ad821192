import { z } from "zod";
import { newClientSecret } from "../domain/ids.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { addClientSecret } from "../domain/pools/rotate-secrets.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * AddUserPoolClientSecret (docs/operations.md#client-secrets,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html):
 * a second secret for a confidential client. The value comes back only when hushpool generated it.
 */
export const addUserPoolClientSecret = defineOperation(
  "AddUserPoolClientSecret",
  z.object({
    UserPoolId: shapes.userPoolId,
    ClientId: shapes.clientId,
    ClientSecret: shapes.clientSecret.optional(),
  }),
  async (
    { UserPoolId, ClientId, ClientSecret },
    { store, box, clock }: Pick<Services, "box" | "clock" | "store">,
  ) => {
    await requirePool(store, UserPoolId);
    const value = ClientSecret ?? newClientSecret();
    const added = await addClientSecret(store, box, UserPoolId, ClientId, value, clock.now());
    return {
      ClientSecretDescriptor: {
        ClientSecretId: added.id,
        ...(ClientSecret === undefined ? { ClientSecretValue: added.value } : {}),
        ClientSecretCreateDate: added.createdAt / 1000,
      },
    };
  },
);
