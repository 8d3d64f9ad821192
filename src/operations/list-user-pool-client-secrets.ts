import { z } from "zod";
import { openSecrets } from "../domain/pools/client-secrets.ts";
import { requireClient, requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * ListUserPoolClientSecrets (docs/operations.md#client-secrets): ids and creation dates, oldest
 * first, never the values. At most two, so one page; a NextToken is accepted and ignored.
 */
export const listUserPoolClientSecrets = defineOperation(
  "ListUserPoolClientSecrets",
  z.object({
    UserPoolId: shapes.userPoolId,
    ClientId: shapes.clientId,
    NextToken: z.string().min(1).max(131072).optional(),
  }),
  async ({ UserPoolId, ClientId }, { store, box }: Pick<Services, "box" | "store">) => {
    await requirePool(store, UserPoolId);
    const client = await requireClient(store, UserPoolId, ClientId);
    return {
      ClientSecrets: openSecrets(box, client).map((s) => ({
        ClientSecretId: s.id,
        ClientSecretCreateDate: s.createdAt / 1000,
      })),
    };
  },
);
