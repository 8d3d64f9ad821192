import { z } from "zod";
import { assertWritable } from "../domain/auth-flows/attribute-access.ts";
import { clientConfig } from "../domain/pools/client.ts";
import { poolConfig } from "../domain/pools/pool.ts";
import {
  ACCESS_TOKEN_PATTERN,
  assertStillAuthorized,
  authorizeAccessToken,
} from "../domain/users/access-token.ts";
import { withoutAttributes } from "../domain/users/attribute-changes.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * DeleteUserAttributes (docs/operations.md#token-authorised-operations): the signed-in user removes
 * their own attributes, with AdminDeleteUserAttributes' rules (`withoutAttributes`: schema,
 * mutability, required attributes; an alias goes with its value) and the client's WriteAttributes;
 * developer-only `dev:` attributes are the administrator's (docs/admin-users.md#developer-only-attributes).
 */
export const deleteUserAttributes = defineOperation(
  "DeleteUserAttributes",
  z.object({
    UserAttributeNames: z.array(shapes.attributeName),
    AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN),
  }),
  async (
    { UserAttributeNames, AccessToken },
    services: Pick<Services, "clock" | "probe" | "store" | "tokenKeys">,
  ) => {
    const { info, pool, user, now } = await authorizeAccessToken(
      services,
      AccessToken,
      "DeleteUserAttributes",
    );
    const client = await services.store.clients.get(pool.id, info.clientId);
    if (client) assertWritable(clientConfig(client), UserAttributeNames);
    const c = poolConfig(pool);
    withoutAttributes(c, user.attributes, UserAttributeNames); // refuses bad input before any write
    await updateUser(services, pool, user, (u) => {
      assertStillAuthorized(info, u);
      return { ...u, attributes: withoutAttributes(c, u.attributes, UserAttributeNames), modifiedAt: now };
    });
    return {};
  },
);
