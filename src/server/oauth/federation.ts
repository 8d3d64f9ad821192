import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthorizeRequest } from "../../domain/oauth/authorize.ts";
import { redirectTo } from "../../domain/oauth/authorize.ts";
import type { Services } from "../../services.ts";
import type { PoolRecord, UserRecord } from "../../storage/ports.ts";
import { redirect, sendHtml } from "./http.ts";
import type { DomainRequest } from "./locate.ts";
import { errorPage } from "./pages.ts";

/** Sign-in through an external identity provider (docs/oauth.md#federation). */
export async function beginFederation(
  _services: Services,
  _pool: PoolRecord,
  _d: DomainRequest,
  areq: AuthorizeRequest,
  res: ServerResponse,
): Promise<void> {
  redirect(
    res,
    redirectTo(
      areq.redirectUri,
      { error: "invalid_request", ...(areq.state !== undefined ? { state: areq.state } : {}) },
      areq.responseType === "token",
    ),
  );
}

export async function finishFederation(
  _services: Services,
  _pool: PoolRecord,
  _d: DomainRequest,
  _req: IncomingMessage,
  res: ServerResponse,
  _complete: (areq: AuthorizeRequest, user: UserRecord, authTime: number) => Promise<void>,
): Promise<void> {
  sendHtml(res, 400, errorPage("The identity provider's answer could not be used."));
}
