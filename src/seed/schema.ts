import { z } from "zod";
import { clientSettings } from "../domain/pools/client-settings.ts";
import { createOnlyPoolSettings, mutablePoolSettings } from "../domain/pools/pool-settings.ts";
import { groupShapes } from "../operations/group-inputs.ts";
import { shapes } from "../protocol/validation.ts";

/**
 * The seed file (docs/seeding.md#the-format): `{ "pools": [ … ] }`, each pool its CreateUserPool
 * settings plus `Id`, and the collections it owns in lower camel case (`clients`, `groups`, `users`;
 * domains, resource servers and identity providers will be further collections beside them). Every
 * object is strict, so a misspelt or not-yet-supported key is refused with the entry it sits in.
 */
const user = z
  .object({
    Username: shapes.username,
    UserAttributes: z
      .array(z.object({ Name: shapes.attributeName, Value: shapes.attributeValue }).strict())
      .optional(),
    /** A permanent password: the user is CONFIRMED. */
    Password: shapes.password.optional(),
    /** A temporary password (FORCE_CHANGE_PASSWORD); generated when neither password is given. */
    TemporaryPassword: shapes.password.optional(),
    Status: z.enum(["CONFIRMED", "FORCE_CHANGE_PASSWORD"]).optional(),
    Enabled: z.boolean().optional(),
    /** The groups the user is a member of: names from the pool's `groups`. */
    Groups: z.array(groupShapes.groupName).optional(),
  })
  .strict()
  .superRefine((u, ctx) => {
    if (u.Password !== undefined && u.TemporaryPassword !== undefined)
      ctx.addIssue({ code: "custom", message: "give Password or TemporaryPassword, not both" });
    if (u.Status === "CONFIRMED" && u.Password === undefined)
      ctx.addIssue({ code: "custom", path: ["Status"], message: "CONFIRMED needs a Password" });
    if (u.Status === "FORCE_CHANGE_PASSWORD" && u.Password !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["Status"],
        message: "FORCE_CHANGE_PASSWORD takes a TemporaryPassword",
      });
  });

/** A group: CreateGroup's members (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html). */
const group = z
  .object({
    GroupName: groupShapes.groupName,
    Description: groupShapes.description.optional(),
    RoleArn: groupShapes.roleArn.optional(),
    Precedence: groupShapes.precedence.optional(),
  })
  .strict();

const client = clientSettings
  .extend({
    ClientId: shapes.clientId,
    ClientName: shapes.clientName,
    /** A fixed secret (24–64 of `[\w+]`), or none for a public client. */
    ClientSecret: shapes.clientSecret.optional(),
  })
  .strict();

const pool = mutablePoolSettings
  .extend(createOnlyPoolSettings.shape)
  .extend({
    Id: shapes.userPoolId,
    PoolName: shapes.poolName,
    clients: z.array(client).optional(),
    groups: z.array(group).optional(),
    users: z.array(user).optional(),
  })
  .strict();

export const seedSchema = z
  .object({
    $schema: z.string().optional(),
    pools: z.array(pool),
  })
  .strict();

export type SeedDocument = z.infer<typeof seedSchema>;
export type SeedPool = SeedDocument["pools"][number];
export type SeedClient = NonNullable<SeedPool["clients"]>[number];
export type SeedUser = NonNullable<SeedPool["users"]>[number];
export type SeedGroup = NonNullable<SeedPool["groups"]>[number];

/** What one application of a seed did, for the start log and the reset answer. */
export interface SeedSummary {
  created: number;
  updated: number;
}

/** Where an issue sits, as `pools[0].clients[1].ClientId`. */
export function entryPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : `${out ? "." : ""}${String(p)}`;
  return out || "(top level)";
}

/** A seed file that cannot be applied; the message names the entry. */
export class SeedError extends Error {}

/** Validates a parsed seed document; duplicate ids are refused too. */
export function parseSeed(raw: unknown): SeedDocument {
  const r = seedSchema.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${entryPath(i.path)}: ${i.message}`);
    throw new SeedError(`invalid seed file: ${lines.join("; ")}`);
  }
  const seen = new Set<string>();
  r.data.pools.forEach((p, i) => {
    if (seen.has(p.Id)) throw new SeedError(`invalid seed file: pools[${i}].Id: ${p.Id} appears twice`);
    seen.add(p.Id);
    p.clients?.forEach((c, j) => {
      if (seen.has(c.ClientId))
        throw new SeedError(
          `invalid seed file: pools[${i}].clients[${j}].ClientId: ${c.ClientId} appears twice`,
        );
      seen.add(c.ClientId);
    });
    // Group names are unique in a pool ignoring case, as CreateGroup has them; a membership names one.
    const groups = new Set<string>();
    p.groups?.forEach((g, j) => {
      if (groups.has(g.GroupName.toLowerCase()))
        throw new SeedError(
          `invalid seed file: pools[${i}].groups[${j}].GroupName: ${g.GroupName} appears twice`,
        );
      groups.add(g.GroupName.toLowerCase());
    });
    for (const [j, u] of (p.users ?? []).entries())
      for (const [k, name] of (u.Groups ?? []).entries())
        if (!p.groups?.some((g) => g.GroupName === name))
          throw new SeedError(
            `invalid seed file: pools[${i}].users[${j}].Groups[${k}]: ${name} is not one of pools[${i}].groups`,
          );
  });
  return r.data;
}
