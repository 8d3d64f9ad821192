import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { clientConfig } from "../domain/pools/client.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/** ListUserPoolClients: MaxResults 1–60 (default 60), NextToken = last client id seen. */
export const listUserPoolClients = defineOperation(
  "ListUserPoolClients",
  z.object({
    UserPoolId: shapes.userPoolId,
    MaxResults: z.number().int().min(1).max(60).optional(),
    NextToken: shapes.paginationKey.optional(),
  }),
  async ({ UserPoolId, MaxResults = 60, NextToken }, { store }: Pick<Services, "store">) => {
    await requirePool(store, UserPoolId);
    let after: string | undefined;
    if (NextToken !== undefined) {
      after = Buffer.from(NextToken, "base64url").toString("utf8");
      if (!/^[\w+]+$/.test(after)) throw errors.invalidPaginationToken();
    }
    const page = await store.clients.list(UserPoolId, MaxResults + 1, after);
    const shown = page.slice(0, MaxResults);
    const last = shown[shown.length - 1];
    return {
      UserPoolClients: shown.map((c) => ({
        ClientId: c.clientId,
        UserPoolId: c.poolId,
        ClientName: clientConfig(c).ClientName,
      })),
      ...(page.length > MaxResults && last
        ? { NextToken: Buffer.from(last.clientId).toString("base64url") }
        : {}),
    };
  },
);
