import { z } from "zod";
import { assertWritable } from "../domain/auth-flows/attribute-access.ts";
import { issueAttributeCode } from "../domain/codes/attribute-codes.ts";
import type { CodeDeliveryDetails } from "../domain/codes/delivery.ts";
import { clientConfig } from "../domain/pools/client.ts";
import { poolConfig } from "../domain/pools/pool.ts";
import { customMessage } from "../domain/trigger-calls/custom-message.ts";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import { saveUser } from "../domain/users/admin-user.ts";
import { updatedAttributes } from "../domain/users/attribute-changes.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * UpdateUserAttributes (docs/operations.md#token-authorised-operations): schema, mutability and the client's WriteAttributes are checked;
 * a changed email / phone_number becomes unverified and, when the pool auto-verifies it, a code is
 * sent (`CodeDeliveryDetailsList`; CustomMessage_UpdateUserAttribute, docs/triggers.md). In alias pools an unverified address is no alias until verified
 * (docs/operations.md#alias-attributes); a sign-in name (UsernameAttributes) taken by another user is AliasExistsException.
 * Not implemented: "keep the original value active while an update is pending".
 */
export const updateUserAttributes = defineOperation(
  "UpdateUserAttributes",
  z.object({
    AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN),
    UserAttributes: shapes.attributes,
    ClientMetadata: shapes.stringMap.optional(),
  }),
  async (
    { AccessToken, UserAttributes, ClientMetadata },
    services: Pick<
      Services,
      "clock" | "config" | "log" | "messenger" | "probe" | "secrets" | "store" | "tokenKeys" | "triggers"
    >,
  ) => {
    const { info, pool, user, now } = await authorizeAccessToken(
      services,
      AccessToken,
      "UpdateUserAttributes",
    );
    const client = await services.store.clients.get(pool.id, info.clientId);
    if (client)
      assertWritable(
        clientConfig(client),
        UserAttributes.map((a) => a.Name),
      );
    const c = poolConfig(pool);
    const attributes = updatedAttributes(c, user.attributes, UserAttributes);
    const saved = await saveUser(services.store, pool, { ...user, attributes, modifiedAt: now });
    const list: CodeDeliveryDetails[] = [];
    for (const name of ["email", "phone_number"] as const) {
      const changed = attributes[name] && attributes[name] !== user.attributes[name];
      if (changed && c.AutoVerifiedAttributes?.includes(name)) {
        const text = await customMessage(services, {
          pool,
          clientId: info.clientId,
          source: "CustomMessage_UpdateUserAttribute",
          subject: { user: saved },
          clientMetadata: ClientMetadata,
        });
        list.push(await issueAttributeCode(services, pool, saved, name, text));
      }
    }
    return list.length > 0 ? { CodeDeliveryDetailsList: list } : {};
  },
);
