import type { AliasKind, Store, UserRecord } from "../../storage/ports.ts";

export interface AliasConflict {
  kind: AliasKind;
  key: string;
}

/**
 * The first alias that `after` activates (or changes) and another user of the pool already holds:
 * verification-based aliases are unique among verified holders (docs/operations.md#alias-attributes). One read per new alias.
 */
export async function findAliasConflict(
  store: Store,
  before: UserRecord,
  after: UserRecord,
): Promise<AliasConflict | null> {
  for (const [kind, key] of Object.entries(after.aliases) as [AliasKind, string][]) {
    if (before.aliases[kind] === key) continue;
    const holder = await store.users.findByAlias(after.poolId, kind, key);
    if (holder && holder.sub !== after.sub) return { kind, key };
  }
  return null;
}
