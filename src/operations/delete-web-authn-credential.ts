import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * DeleteWebAuthnCredential (docs/passkeys.md#listing-and-deleting): removes one of the user's own
 * passkeys; an id the user does not have (another user's included) is ResourceNotFoundException.
 */
export const deleteWebAuthnCredential = defineOperation(
  "DeleteWebAuthnCredential",
  z.object({
    AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN),
    CredentialId: z.string().min(1).max(2048),
  }),
  async (
    { AccessToken, CredentialId },
    services: Pick<Services, "clock" | "probe" | "store" | "tokenKeys">,
  ) => {
    const { pool, user } = await authorizeAccessToken(services, AccessToken, "DeleteWebAuthnCredential");
    if (!(await services.store.passkeys.delete(pool.id, user.sub, CredentialId))) {
      throw errors.webAuthnCredentialNotFound();
    }
    return {};
  },
);
