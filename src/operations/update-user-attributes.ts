import { z } from "zod";
import { assertWritable } from "../domain/auth-flows/attribute-access.ts";
import { issueAttributeCode } from "../domain/codes/attribute-codes.ts";
import type { CodeDeliveryDetails } from "../domain/codes/delivery.ts";
import { clientConfig } from "../domain/pools/client.ts";
import { poolConfig } from "../domain/pools/pool.ts";
import type { CustomText } from "../domain/trigger-calls/custom-message.ts";
import { customMessage } from "../domain/trigger-calls/custom-message.ts";
import {
  ACCESS_TOKEN_PATTERN,
  assertStillAuthorized,
  authorizeAccessToken,
} from "../domain/users/access-token.ts";
import { updatedAttributes } from "../domain/users/attribute-changes.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * UpdateUserAttributes (docs/operations.md#token-authorised-operations): schema, mutability and the client's WriteAttributes are checked;
 * a changed email / phone_number becomes unverified and, when the pool auto-verifies it, a code is
 * sent (`CodeDeliveryDetailsList`; CustomMessage_UpdateUserAttribute, docs/triggers.md). In alias pools an unverified address is no alias until verified
 * (docs/operations.md#alias-attributes); a sign-in name (UsernameAttributes) taken by another user is AliasExistsException.
 * Not implemented: "keep the original value active while an update is pending".
 * The CustomMessage calls come first; the user row, the codes and their messages are then written in
 * one transaction, applied to the freshest row (docs/storage.md#no-lost-updates).
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
    const texts = new Map<"email" | "phone_number", CustomText | undefined>();
    for (const name of ["email", "phone_number"] as const) {
      const changed = attributes[name] && attributes[name] !== user.attributes[name];
      if (changed && c.AutoVerifiedAttributes?.includes(name)) {
        const text = await customMessage(services, {
          pool,
          clientId: info.clientId,
          source: "CustomMessage_UpdateUserAttribute",
          subject: { user: { ...user, attributes } },
          clientMetadata: ClientMetadata,
        });
        texts.set(name, text);
      }
    }
    let list: CodeDeliveryDetails[] = [];
    const change = (u: typeof user) => {
      assertStillAuthorized(info, u);
      return { ...u, attributes: updatedAttributes(c, u.attributes, UserAttributes), modifiedAt: now };
    };
    await updateUser(services, pool, user, change, {
      ...(texts.size > 0
        ? {
            also: async (tx, saved) => {
              list = [];
              for (const [name, text] of texts) {
                list.push(await issueAttributeCode(tx, pool, saved, name, text));
              }
            },
          }
        : {}),
    });
    return list.length > 0 ? { CodeDeliveryDetailsList: list } : {};
  },
);
