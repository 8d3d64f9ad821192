import { z } from "zod";
import { listProviders } from "../domain/oauth/providers.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { openPageToken, sealPageToken } from "../domain/users/page-token.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * ListIdentityProviders (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListIdentityProviders.html):
 * name order, MaxResults 0–60 (0 or absent = 60), sealed NextToken.
 */
export const listIdentityProviders = defineOperation(
  "ListIdentityProviders",
  z.object({
    UserPoolId: shapes.userPoolId,
    MaxResults: z.number().int().min(0).max(60).optional(),
    NextToken: oauthShapes.nextToken.optional(),
  }),
  async (req, { store, box }: Pick<Services, "store" | "box">) => {
    const pool = await requirePool(store, req.UserPoolId);
    const size = req.MaxResults || 60;
    const scope = JSON.stringify(["ListIdentityProviders", pool.id]);
    const after = req.NextToken === undefined ? undefined : openPageToken(box, scope, req.NextToken);
    const rows = await listProviders(store, pool.id, size + 1, after);
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return {
      Providers: page.map((p) => ({
        ProviderName: p.ProviderName,
        ProviderType: p.ProviderType,
        LastModifiedDate: p.LastModifiedDate / 1000,
        CreationDate: p.CreationDate / 1000,
      })),
      ...(rows.length > size && last ? { NextToken: sealPageToken(box, scope, last.ProviderName) } : {}),
    };
  },
);
