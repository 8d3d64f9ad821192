import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/** ListUserPools: MaxResults (1–60) is required by the model; NextToken is the last id seen. */
export const listUserPools = defineOperation(
  "ListUserPools",
  z.object({ MaxResults: z.number().int().min(1).max(60), NextToken: shapes.paginationKey.optional() }),
  async ({ MaxResults, NextToken }, { store }: Pick<Services, "store">) => {
    let after: string | undefined;
    if (NextToken !== undefined) {
      after = Buffer.from(NextToken, "base64url").toString("utf8");
      if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(after)) throw errors.invalidPaginationToken();
    }
    const page = await store.pools.list(MaxResults + 1, after);
    const shown = page.slice(0, MaxResults);
    const last = shown[shown.length - 1];
    return {
      UserPools: shown.map((p) => ({
        Id: p.id,
        Name: p.name,
        LambdaConfig: (p.config as { LambdaConfig?: object }).LambdaConfig ?? {},
        CreationDate: p.createdAt / 1000,
        LastModifiedDate: p.modifiedAt / 1000,
      })),
      ...(page.length > MaxResults && last ? { NextToken: Buffer.from(last.id).toString("base64url") } : {}),
    };
  },
);
