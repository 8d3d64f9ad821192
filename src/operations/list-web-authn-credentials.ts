import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import { describePasskey } from "../domain/webauthn/view.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

const PAGE = 20;
const context = (sub: string) => `webauthn-list:${sub}`;

/**
 * ListWebAuthnCredentials (docs/passkeys.md#listing-and-deleting): the user's passkeys, oldest first,
 * `MaxResults` (0–20; 0 and absent mean 20, decision) per page, the `NextToken` sealed and bound to
 * the user so it can be neither read nor used by another.
 */
export const listWebAuthnCredentials = defineOperation(
  "ListWebAuthnCredentials",
  z.object({
    AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN),
    NextToken: z.string().min(1).max(131072).optional(),
    MaxResults: z.number().int().min(0).max(20).optional(),
  }),
  async (
    { AccessToken, NextToken, MaxResults },
    services: Pick<Services, "box" | "clock" | "probe" | "store" | "tokenKeys">,
  ) => {
    const { pool, user } = await authorizeAccessToken(services, AccessToken, "ListWebAuthnCredentials");
    let from = 0;
    if (NextToken !== undefined) {
      const opened = services.box.openString(NextToken, context(user.sub));
      const n = opened === null ? Number.NaN : Number(opened);
      if (!Number.isInteger(n) || n < 0) throw errors.invalidPaginationToken();
      from = n;
    }
    const size = MaxResults || PAGE;
    const all = await services.store.passkeys.listFor(pool.id, user.sub);
    const page = all.slice(from, from + size);
    const next =
      from + size < all.length ? services.box.seal(String(from + size), context(user.sub)) : undefined;
    return { Credentials: page.map(describePasskey), ...(next ? { NextToken: next } : {}) };
  },
);
