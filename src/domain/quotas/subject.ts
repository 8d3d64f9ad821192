import { decodeJwt } from "jose";
import type { Store } from "../../storage/ports.ts";
import { poolIdFromIssuer } from "../../tokens/index.ts";

/** The budget of requests that name no pool (CreateUserPool, ListUserPools): the whole server's. */
export const NO_POOL = "-";
/** The one budget shared by every request naming a pool, client or token issuer that does not exist. */
export const UNKNOWN_POOL = "?";

/** Most ids remembered per node; past it the oldest is forgotten (and read again when next named). */
const CACHE_LIMIT = 10_000;

/**
 * Which pool's budget a request spends: the pool it names (UserPoolId), the pool of the app client it
 * names (ClientId), or the pool in its access token's issuer, read without verifying the token (the
 * operation verifies it; a forged token spends the budget of the pool it names, which is what a
 * request with that pool's public ClientId could do anyway). Names that do not exist all share
 * UNKNOWN_POOL, so random ids can neither escape the quota nor leave a counter row each.
 *
 * Only pools and clients are read here, never users: the refusal comes before any user lookup and is
 * the same for every user name (docs/existence.md). A client's pool never changes, so found ids are
 * remembered and the steady state costs no read at all.
 */
export class QuotaSubjects {
  private readonly pools = new Map<string, true>();
  private readonly clients = new Map<string, string>();

  constructor(private readonly store: Pick<Store, "pools" | "clients">) {}

  async poolOf(input: Readonly<Record<string, unknown>>): Promise<string> {
    const named = await this.namedPool(input);
    if (named === undefined) return NO_POOL;
    return named !== null && (await this.poolExists(named)) ? named : UNKNOWN_POOL;
  }

  /** The pool id the request names; null: it names one that cannot exist; undefined: none. */
  private async namedPool(input: Readonly<Record<string, unknown>>): Promise<string | null | undefined> {
    const poolId = str(input.UserPoolId);
    if (poolId !== undefined) return poolId;
    const clientId = str(input.ClientId);
    if (clientId !== undefined) return this.poolOfClient(clientId);
    return poolOfToken(str(input.AccessToken));
  }

  private async poolOfClient(clientId: string): Promise<string | null> {
    const known = this.clients.get(clientId);
    if (known !== undefined) return known;
    const client = await this.store.clients.find(clientId);
    if (!client) return null;
    remember(this.clients, clientId, client.poolId);
    remember(this.pools, client.poolId, true);
    return client.poolId;
  }

  private async poolExists(poolId: string): Promise<boolean> {
    if (this.pools.has(poolId)) return true;
    if (!(await this.store.pools.get(poolId))) return false;
    remember(this.pools, poolId, true);
    return true;
  }
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The pool in an access token's `iss` (docs/tokens.md#what-the-tokens-contain); null if unreadable. */
function poolOfToken(token: string | undefined): string | null | undefined {
  if (token === undefined) return undefined;
  try {
    const iss = decodeJwt(token).iss;
    return typeof iss === "string" ? poolIdFromIssuer(iss) : null;
  } catch {
    return null;
  }
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, value);
}
