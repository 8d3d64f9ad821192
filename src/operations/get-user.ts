import { z } from "zod";
import { renderMfaMembers } from "../domain/mfa/index.ts";
import { clientConfig } from "../domain/pools/client.ts";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import { attributeList } from "../domain/users/user-view.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * GetUser (docs/operations.md#token-authorised-operations): the internal username and the attributes (with `sub`) the token's client may
 * read (ReadAttributes; all when unset). amazon-cognito-identity-js `getUserAttributes` reads
 * `UserAttributes` (docs/wire-protocol.md#what-the-clients-rely-on). The MFA members (UserMFASettingList, PreferredMfaSetting, MFAOptions) follow, each omitted when empty (docs/mfa.md#user-settings).
 */
export const getUser = defineOperation(
  "GetUser",
  z.object({ AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN) }),
  async ({ AccessToken }, services: Pick<Services, "clock" | "probe" | "store" | "tokenKeys">) => {
    const { info, user } = await authorizeAccessToken(services, AccessToken, "GetUser");
    const client = await services.store.clients.get(user.poolId, info.clientId);
    const readable = client ? clientConfig(client).ReadAttributes : undefined;
    return {
      Username: user.username,
      UserAttributes: attributeList(user, readable ? ["sub", ...readable] : undefined),
      ...renderMfaMembers(user),
    };
  },
);
