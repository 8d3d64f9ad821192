import { z } from "zod";
import { renderClient } from "../domain/pools/client.ts";
import { requireClient, requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

export const describeUserPoolClient = defineOperation(
  "DescribeUserPoolClient",
  z.object({ UserPoolId: shapes.userPoolId, ClientId: shapes.clientId }),
  async ({ UserPoolId, ClientId }, { store, box }: Pick<Services, "box" | "store">) => {
    await requirePool(store, UserPoolId);
    return { UserPoolClient: renderClient(await requireClient(store, UserPoolId, ClientId), box) };
  },
);
