import { z } from "zod";
import { requireResourceServer } from "../domain/oauth/resource-servers.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/** DescribeResourceServer (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeResourceServer.html). */
export const describeResourceServer = defineOperation(
  "DescribeResourceServer",
  z.object({ UserPoolId: shapes.userPoolId, Identifier: oauthShapes.identifier }),
  async (req, { store }: Pick<Services, "store">) => {
    await requirePool(store, req.UserPoolId);
    return { ResourceServer: await requireResourceServer(store, req.UserPoolId, req.Identifier) };
  },
);
