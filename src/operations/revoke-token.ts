import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { clientConfig } from "../domain/pools/client.ts";
import { matchesClientSecret, openSecrets } from "../domain/pools/client-secrets.ts";
import { requireClientAndPool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { openRefreshToken } from "../tokens/index.ts";
import { defineOperation } from "./operation.ts";

/**
 * RevokeToken (docs/operations.md#token-authorised-operations): revokes a refresh token and every ID/access token minted from it (same
 * origin_jti; access tokens then get `Access Token has been revoked`). Decisions (wording inferred,
 * docs/authentication.md): a client with EnableTokenRevocation off → UnsupportedOperationException;
 * a JWT (ID/access token) → UnsupportedTokenTypeException; a refresh token that is not ours or no
 * longer known → success, as RFC 7009 §2.2 asks; another client's token → UnauthorizedException.
 */
export const revokeToken = defineOperation(
  "RevokeToken",
  z.object({
    Token: z.string().min(1),
    ClientId: shapes.clientId,
    ClientSecret: z.string().min(1).optional(),
  }),
  async (
    { Token, ClientId, ClientSecret },
    services: Pick<Services, "box" | "clock" | "store" | "tokenKeys">,
  ) => {
    const { client } = await requireClientAndPool(services.store, ClientId);
    const secrets = openSecrets(services.box, client);
    if (secrets.length > 0) {
      if (ClientSecret === undefined) throw errors.secretMissing(ClientId);
      if (!matchesClientSecret(secrets, ClientSecret)) throw errors.secretMismatch(ClientId);
    }
    if (!clientConfig(client).EnableTokenRevocation) {
      throw errors.tokenRevocationDisabled();
    }
    if (Token.split(".").length === 3) {
      throw errors.unsupportedTokenType();
    }
    const id = await openRefreshToken(services.tokenKeys, Token);
    const record = id === null ? null : await services.store.tokens.getRefresh(id);
    if (!record) return {};
    if (record.clientId !== ClientId) throw errors.unauthorizedClient();
    await services.store.tokens.revokeOrigin(record, services.clock.now(), record.expiresAt);
    return {};
  },
);
