import { z } from "zod";
import { loadRefresh, mintFor, retireRefresh, rotationOf } from "../domain/auth-flows/index.ts";
import { flowAllowed } from "../domain/auth-flows/params.ts";
import { errors } from "../domain/errors/index.ts";
import { matchesClientSecret, openSecrets } from "../domain/pools/client-secrets.ts";
import { requireClientAndPool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import { defineOperation } from "./operation.ts";
import { type SignInServices, signInContext } from "./sign-in-context.ts";

/**
 * GetTokensFromRefreshToken (docs/operations.md#token-authorised-operations, docs/wire-protocol.md#what-the-clients-rely-on): what Amplify v6 calls to refresh. Same checks as
 * REFRESH_TOKEN_AUTH; a client with a secret sends it as ClientSecret (not a SECRET_HASH). No new
 * refresh token is returned unless the client rotates refresh tokens (docs/tokens.md#refresh-token-rotation):
 * then the presented token is rotated out and a new one comes back. A rotating client needs no
 * ALLOW_REFRESH_TOKEN_AUTH, which AWS tells rotating clients to turn off.
 */
export const getTokensFromRefreshToken = defineOperation(
  "GetTokensFromRefreshToken",
  z.object({
    RefreshToken: z.string().min(1),
    ClientId: shapes.clientId,
    ClientSecret: z.string().min(1).optional(),
    DeviceKey: z.string().optional(),
    ClientMetadata: shapes.stringMap.optional(),
  }),
  async ({ RefreshToken, ClientId, ClientSecret, ClientMetadata }, services: SignInServices) => {
    const found = await requireClientAndPool(services.store, ClientId);
    const ctx = signInContext(services, "GetTokensFromRefreshToken", found, ClientMetadata);
    const rotation = rotationOf(ctx);
    if (rotation === null && !flowAllowed(ctx.clientConfig, "REFRESH_TOKEN_AUTH")) {
      throw errors.authFlowNotEnabled();
    }
    const secrets = openSecrets(services.box, found.client);
    if (secrets.length > 0) {
      if (ClientSecret === undefined) throw errors.secretMissing(ClientId);
      if (!matchesClientSecret(secrets, ClientSecret)) throw errors.secretMismatch(ClientId);
    }
    const { record, user } = await loadRefresh(ctx, RefreshToken);
    if (rotation !== null) await retireRefresh(ctx, record, rotation.graceSeconds);
    const rotate = rotation !== null;
    return {
      AuthenticationResult: await mintFor(ctx, user, "TokenGeneration_RefreshTokens", record, { rotate }),
    };
  },
);
