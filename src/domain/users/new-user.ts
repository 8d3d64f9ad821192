import type { PoolRecord, UserRecord } from "../../storage/ports.ts";
import { newSub } from "../ids.ts";
import { poolConfig } from "../pools/pool.ts";
import { aliasKeys, foldKey } from "./username.ts";

/**
 * A new user record with its lookup keys derived from the pool's username model. In pools with
 * UsernameAttributes the internal username is the sub (docs/operations.md#username-attributes); pass `username` otherwise.
 */
export function newUserRecord(args: {
  pool: PoolRecord;
  username?: string;
  attributes: Record<string, string>;
  status: UserRecord["status"];
  now: number;
}): UserRecord {
  const c = poolConfig(args.pool);
  const sub = newSub();
  const username = c.UsernameAttributes?.length ? sub : (args.username ?? sub);
  return {
    poolId: args.pool.id,
    sub,
    username,
    usernameKey: foldKey(c, username),
    aliases: aliasKeys(c, args.attributes),
    status: args.status,
    enabled: true,
    attributes: { ...args.attributes },
    credential: null,
    credentialSetAt: null,
    meta: {},
    createdAt: args.now,
    modifiedAt: args.now,
    version: 0,
  };
}

/** Recomputes lookup keys after attributes change; call before every save. */
export function refreshKeys(pool: PoolRecord, u: UserRecord): UserRecord {
  return { ...u, aliases: aliasKeys(poolConfig(pool), u.attributes) };
}
