import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { newClientId, newClientSecret } from "../domain/ids.ts";
import { checkClientOAuth } from "../domain/oauth/client-oauth.ts";
import { checkAttributeGrants, clientConfigFrom, renderClient, sealSecret } from "../domain/pools/client.ts";
import { clientSettings } from "../domain/pools/client-settings.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { poolConfig } from "../domain/pools/pool.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

const input = clientSettings.extend({
  UserPoolId: shapes.userPoolId,
  ClientName: shapes.clientName,
  GenerateSecret: z.boolean().optional(),
  ClientSecret: shapes.clientSecret.optional(),
});

/** CreateUserPoolClient: defaults per docs/operations.md#createuserpoolclient; a generated or given secret is sealed at rest. */
export const createUserPoolClient = defineOperation(
  "CreateUserPoolClient",
  input,
  async (
    { UserPoolId, GenerateSecret, ClientSecret, ...settings },
    { store, clock, box }: Pick<Services, "box" | "clock" | "store">,
  ) => {
    const pool = await requirePool(store, UserPoolId);
    checkAttributeGrants(poolConfig(pool).SchemaAttributes, settings, "creating");
    if (GenerateSecret && ClientSecret !== undefined) {
      throw errors.secretWithGenerateSecret();
    }
    const config = clientConfigFrom(settings);
    const clientId = newClientId();
    const secret = ClientSecret ?? (GenerateSecret ? newClientSecret() : null);
    await checkClientOAuth(store, UserPoolId, config, secret !== null);
    const now = clock.now();
    const record = {
      poolId: UserPoolId,
      clientId,
      config: { ...config },
      secret: secret === null ? null : sealSecret(box, clientId, secret),
      createdAt: now,
      modifiedAt: now,
    };
    await store.clients.create(record);
    return { UserPoolClient: renderClient(record, box) };
  },
);
