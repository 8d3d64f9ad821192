import type { ResourceRecord, Store } from "../../storage/ports.ts";
import { UniqueViolation } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";

/**
 * Resource servers and their custom scopes (docs/oauth.md#resource-servers-and-scopes;
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html).
 * A custom scope is written `<identifier>/<ScopeName>` in clients and tokens.
 */
export interface Scope {
  ScopeName: string;
  ScopeDescription: string;
}

export interface ResourceServer {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes: Scope[];
}

/** 25 resource servers per pool (AWS "Quotas in Amazon Cognito"). */
export const RESOURCE_SERVER_LIMIT = 25;

const toServer = (r: ResourceRecord): ResourceServer => ({
  UserPoolId: r.poolId,
  Identifier: r.name,
  Name: String(r.body.Name),
  Scopes: (r.body.Scopes as Scope[]) ?? [],
});

function uniqueScopes(scopes: Scope[]): Scope[] {
  const seen = new Set<string>();
  for (const s of scopes) {
    if (seen.has(s.ScopeName)) throw errors.duplicateScope(s.ScopeName);
    seen.add(s.ScopeName);
  }
  return scopes.map((s) => ({ ScopeName: s.ScopeName, ScopeDescription: s.ScopeDescription }));
}

export async function createResourceServer(
  store: Store,
  server: ResourceServer,
  now: number,
): Promise<ResourceServer> {
  const scopes = uniqueScopes(server.Scopes);
  if ((await store.resources.count("resource-server", server.UserPoolId)) >= RESOURCE_SERVER_LIMIT)
    throw errors.resourceServerLimit();
  try {
    await store.resources.create({
      kind: "resource-server",
      scope: server.UserPoolId,
      name: server.Identifier,
      poolId: server.UserPoolId,
      body: { Name: server.Name, Scopes: scopes },
      createdAt: now,
      modifiedAt: now,
    });
  } catch (e) {
    if (e instanceof UniqueViolation) throw errors.resourceServerExists(server.Identifier, server.UserPoolId);
    throw e;
  }
  return { ...server, Scopes: scopes };
}

export async function requireResourceServer(
  store: Store,
  poolId: string,
  identifier: string,
): Promise<ResourceServer> {
  const r = await store.resources.get("resource-server", poolId, identifier);
  if (!r) throw errors.resourceServerNotFound(identifier);
  return toServer(r);
}

/** A full replace of Name and Scopes (inferred: the API has no partial update; docs/oauth.md). */
export async function updateResourceServer(
  store: Store,
  server: ResourceServer,
  now: number,
): Promise<ResourceServer> {
  const scopes = uniqueScopes(server.Scopes);
  const old = await store.resources.get("resource-server", server.UserPoolId, server.Identifier);
  if (!old) throw errors.resourceServerNotFound(server.Identifier);
  await store.resources.update({ ...old, body: { Name: server.Name, Scopes: scopes }, modifiedAt: now });
  return { ...server, Scopes: scopes };
}

export async function deleteResourceServer(store: Store, poolId: string, identifier: string): Promise<void> {
  if (!(await store.resources.delete("resource-server", poolId, identifier)))
    throw errors.resourceServerNotFound(identifier);
}

export async function listResourceServers(
  store: Store,
  poolId: string,
  limit: number,
  after?: string,
): Promise<ResourceServer[]> {
  return (await store.resources.list("resource-server", poolId, limit, after)).map(toServer);
}

/** Every custom scope of the pool, as `<identifier>/<ScopeName>`. */
export async function customScopesOf(store: Store, poolId: string): Promise<Set<string>> {
  const out = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const page = await store.resources.list("resource-server", poolId, 100, after);
    for (const r of page) for (const s of toServer(r).Scopes) out.add(`${r.name}/${s.ScopeName}`);
    if (page.length < 100) return out;
    after = page[page.length - 1]?.name;
  }
}
