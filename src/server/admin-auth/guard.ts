import type { IncomingMessage } from "node:http";
import type { Config } from "../../config/config.ts";
import { errors } from "../../domain/errors/index.ts";
import { poolArn } from "../../domain/ids.ts";
import type { AdminKey } from "./keys.ts";
import { hostIsLocal, isCrossSite, peerIsLoopback } from "./local-caller.ts";
import { verifySignature } from "./sigv4.ts";

/**
 * Who may run an IAM-class operation (docs/security.md#who-may-call-what):
 *
 * - **Keys configured** (`--admin-credentials`, or the HUSHPOOL_ADMIN_* pair): a valid Signature
 *   Version 4 from one of them, from any peer, and the key must cover the pool.
 * - **No keys**: local callers only — loopback peer, Host naming this machine, no cross-site Origin —
 *   so that neither the network nor a web page the developer opens can drive the admin plane. With
 *   `--insecure-admin` the peer and Host checks are off (the operator asked for an open admin plane);
 *   a cross-site browser Origin is still refused. Others get AccessDeniedException for `anonymous`.
 */
export interface AdminGuard {
  /** True when admin keys are configured (signatures are then required). */
  readonly signed: boolean;
  /** Throws the AWS error for a caller that may not run `operation` with this body. */
  admit(req: IncomingMessage, body: Buffer, operation: string): Promise<void>;
}

/** The principal AWS names in AccessDeniedException: the key as an IAM user of the local account. */
const principalOf = (key: AdminKey | null): string =>
  key ? `arn:aws:iam::000000000000:user/${key.accessKeyId}` : "anonymous";

export function createAdminGuard(
  config: Pick<Config, "region" | "insecureAdmin">,
  keys: readonly AdminKey[],
  now: () => number = Date.now,
): AdminGuard {
  const byId = new Map(keys.map((k) => [k.accessKeyId, k]));
  const resourceOf = (poolId: string | null): string => poolArn(config.region, poolId ?? "*");
  return {
    signed: byId.size > 0,
    async admit(req, body, operation) {
      if (byId.size === 0) {
        const local = config.insecureAdmin || (peerIsLoopback(req) && hostIsLocal(req));
        if (!local || isCrossSite(req))
          throw errors.accessDenied(principalOf(null), operation, resourceOf(poolIdOf(body)));
        return;
      }
      const key = await verifySignature(
        { method: req.method ?? "POST", url: req.url ?? "/", headers: req.headers },
        body,
        byId,
        config.region,
        now(),
      );
      if (key.pools === "*") return;
      // CreateUserPool and ListUserPools name no pool: like an IAM policy scoped to pool ARNs, a
      // key limited to some pools may not run them.
      const poolId = poolIdOf(body);
      if (poolId === null || !key.pools.has(poolId))
        throw errors.accessDenied(principalOf(key), operation, resourceOf(poolId));
    },
  };
}

/** The UserPoolId the body names, read leniently: validation proper comes after admission. */
function poolIdOf(body: Buffer): string | null {
  try {
    const v: unknown = JSON.parse(body.toString("utf8"));
    if (v && typeof v === "object" && "UserPoolId" in v && typeof v.UserPoolId === "string")
      return v.UserPoolId;
  } catch {
    // not JSON: the operation's own parsing answers SerializationException after admission
  }
  return null;
}
