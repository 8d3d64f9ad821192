import type { SecretBox } from "../crypto/secret-box.ts";
import { openSecret } from "../domain/pools/client.ts";
import { CUSTOM_ID_TAG } from "../domain/pools/custom-id.ts";
import { poolConfig } from "../domain/pools/pool.ts";
import type { Store } from "../storage/ports.ts";
import {
  parseSeed,
  type SeedClient,
  type SeedDocument,
  type SeedGroup,
  type SeedPool,
  type SeedUser,
  seedSchema,
} from "./schema.ts";

const poolKeys = new Set(Object.keys(seedSchema.shape.pools.element.shape));
const clientKeys = new Set(Object.keys(seedSchema.shape.pools.element.shape.clients.unwrap().element.shape));

const pick = (o: Record<string, unknown>, keys: Set<string>) =>
  Object.fromEntries(Object.entries(o).filter(([k, v]) => keys.has(k) && v !== undefined));

/**
 * `hushpool export`: the configuration in the seed format (docs/seeding.md#export). Pools with their
 * settings, clients with their secrets, users with attributes and enabled state but without passwords
 * (only hashes are stored): re-seeded, a user gets a generated temporary password.
 */
export async function exportSeed(store: Store, box: SecretBox): Promise<SeedDocument> {
  const pools: SeedPool[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.pools.list(60, after);
    if (page.length === 0) break;
    for (const p of page) {
      const { SchemaAttributes, UserPoolTags, ...config } = poolConfig(p) as unknown as Record<
        string,
        unknown
      >;
      const tags = { ...(UserPoolTags as Record<string, string> | undefined) };
      delete tags[CUSTOM_ID_TAG];
      const schema = customSchema(SchemaAttributes);
      pools.push({
        ...(pick(config, poolKeys) as Partial<SeedPool>),
        Id: p.id,
        PoolName: p.name,
        ...(Object.keys(tags).length ? { UserPoolTags: tags } : {}),
        ...(schema.length ? { Schema: schema } : {}),
        clients: await clientsOf(store, box, p.id),
        ...(await groupsOf(store, p.id).then((groups) => (groups.length ? { groups } : {}))),
        users: await usersOf(store, p.id, (config.UsernameAttributes ?? []) as string[]),
      } as SeedPool);
    }
    after = page[page.length - 1]?.id;
  }
  // What export writes must be a seed the server accepts: checked before it is printed.
  return parseSeed({ pools });
}

/** Only what CreateUserPool's Schema adds to the standard attributes: custom ones and required standard ones. */
function customSchema(attrs: unknown): SeedPool["Schema"] & object {
  const list = (attrs ?? []) as { Name: string; Required?: boolean }[];
  return list
    .filter((a) => a.Name.startsWith("custom:") || a.Required === true)
    .map((a) => ({ ...a, Name: a.Name.replace(/^custom:/, "") })) as SeedPool["Schema"] & object;
}

async function clientsOf(store: Store, box: SecretBox, poolId: string): Promise<SeedClient[]> {
  const out: SeedClient[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.clients.list(poolId, 60, after);
    if (page.length === 0) return out;
    for (const c of page) {
      const secret = openSecret(box, c);
      out.push({
        ...(pick(c.config as Record<string, unknown>, clientKeys) as SeedClient),
        ClientId: c.clientId,
        ...(secret !== null ? { ClientSecret: secret } : {}),
      });
    }
    after = page[page.length - 1]?.clientId;
  }
}

async function groupsOf(store: Store, poolId: string): Promise<SeedGroup[]> {
  const out: SeedGroup[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.groups.list(poolId, 60, after);
    if (page.length === 0) return out;
    for (const g of page)
      out.push({
        GroupName: g.name,
        ...(g.description !== null ? { Description: g.description } : {}),
        ...(g.roleArn !== null ? { RoleArn: g.roleArn } : {}),
        ...(g.precedence !== null ? { Precedence: g.precedence } : {}),
      });
    after = page[page.length - 1]?.name;
  }
}

/** The names of the groups a user is a member of, by name. */
async function membershipsOf(store: Store, poolId: string, sub: string): Promise<string[]> {
  const out: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.groups.groupsOf(poolId, sub, 60, after);
    if (page.length === 0) return out;
    out.push(...page.map((g) => g.name));
    after = page[page.length - 1]?.name;
  }
}

/** In a pool signed into by email or phone, the stored username is a UUID: the seed names the user by the sign-in attribute. */
async function usersOf(store: Store, poolId: string, signInBy: string[]): Promise<SeedUser[]> {
  const out: SeedUser[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.users.list(poolId, { limit: 60, ...(cursor ? { cursor } : {}) });
    for (const u of page.users) {
      const UserAttributes = Object.entries(u.attributes)
        .filter(([name]) => name !== "sub")
        .map(([Name, Value]) => ({ Name, Value: String(Value) }))
        .sort((a, b) => (a.Name < b.Name ? -1 : 1));
      const byAttribute = signInBy.map((a) => u.attributes[a]).find((v) => v !== undefined);
      const Groups = await membershipsOf(store, poolId, u.sub);
      out.push({
        Username: byAttribute ?? u.username,
        UserAttributes,
        ...(u.enabled ? {} : { Enabled: false }),
        ...(Groups.length ? { Groups } : {}),
      });
    }
    cursor = page.next;
  } while (cursor);
  // Stored usernames may be UUIDs: sorted by the name the seed uses, so an export is stable.
  return out.sort((a, b) => (a.Username < b.Username ? -1 : 1));
}
