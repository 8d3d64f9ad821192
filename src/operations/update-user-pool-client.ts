import { errors } from "../domain/errors/index.ts";
import { checkClientOAuth } from "../domain/oauth/client-oauth.ts";
import {
  checkAttributeGrants,
  clientConfig,
  clientConfigFrom,
  renderClient,
} from "../domain/pools/client.ts";
import { clientSettings } from "../domain/pools/client-settings.ts";
import { requireClient, requirePool } from "../domain/pools/lookup.ts";
import { poolConfig } from "../domain/pools/pool.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * UpdateUserPoolClient is a full replace (docs/existence.md#the-setting, docs/operations.md#createuserpoolclient): an update that omits
 * PreventUserExistenceErrors sets it back to LEGACY, as Cognito does. The name is kept when omitted.
 */
export const updateUserPoolClient = defineOperation(
  "UpdateUserPoolClient",
  clientSettings.extend({ UserPoolId: shapes.userPoolId, ClientId: shapes.clientId }),
  async (
    { UserPoolId, ClientId, ...settings },
    { store, clock, box }: Pick<Services, "box" | "clock" | "store">,
  ) => {
    const pool = await requirePool(store, UserPoolId);
    checkAttributeGrants(poolConfig(pool).SchemaAttributes, settings, "updating");
    const old = await requireClient(store, UserPoolId, ClientId);
    const config = clientConfigFrom({
      ...settings,
      ClientName: settings.ClientName ?? clientConfig(old).ClientName,
    });
    await checkClientOAuth(store, UserPoolId, config, old.secret !== null);
    const record = { ...old, config: { ...config }, modifiedAt: clock.now() };
    if (!(await store.clients.update(record))) throw errors.clientNotFound(ClientId);
    return { UserPoolClient: renderClient(record, box) };
  },
);
