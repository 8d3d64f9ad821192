import { z } from "zod";
import { listResourceServers as list } from "../domain/oauth/resource-servers.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { openPageToken, sealPageToken } from "../domain/users/page-token.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/** ListResourceServers (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListResourceServers.html): identifier order, sealed NextToken. */
export const listResourceServers = defineOperation(
  "ListResourceServers",
  z.object({
    UserPoolId: shapes.userPoolId,
    MaxResults: oauthShapes.maxResults(50),
    NextToken: oauthShapes.nextToken.optional(),
  }),
  async (req, { store, box }: Pick<Services, "store" | "box">) => {
    const pool = await requirePool(store, req.UserPoolId);
    const scope = JSON.stringify(["ListResourceServers", pool.id]);
    const after = req.NextToken === undefined ? undefined : openPageToken(box, scope, req.NextToken);
    const rows = await list(store, pool.id, req.MaxResults + 1, after);
    const page = rows.slice(0, req.MaxResults);
    const last = page[page.length - 1];
    return {
      ResourceServers: page,
      ...(rows.length > req.MaxResults && last
        ? { NextToken: sealPageToken(box, scope, last.Identifier) }
        : {}),
    };
  },
);
