import { CognitoError } from "../../domain/errors/index.ts";
import { EXISTENCE_PROFILE_TAG } from "../../domain/existence/profile.ts";
import { clientSettings } from "../../domain/pools/client-settings.ts";
import { mutablePoolSettings } from "../../domain/pools/pool-settings.ts";
import type { Ctx } from "./context.ts";

/** A console form that cannot become an operation's input (bad JSON, a non-number): shown like an API error. */
export class FormError extends Error {}

export type Rec = Record<string, unknown>;

/** Every page of a listing operation, up to `max` items (the console's lists are for people, not exports). */
export async function listAll(
  ctx: Ctx,
  op: string,
  input: Rec,
  key: string,
  tokenIn: string,
  tokenOut: string,
  max = 600,
): Promise<Rec[]> {
  const out: Rec[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call(op, { ...input, ...(token ? { [tokenIn]: token } : {}) });
    out.push(...((page[key] as Rec[] | undefined) ?? []));
    token = page[tokenOut] as string | undefined;
  } while (token && out.length < max);
  return out;
}

export const describePool = async (ctx: Ctx, poolId: string): Promise<Rec> =>
  (await ctx.call<{ UserPool: Rec }>("DescribeUserPool", { UserPoolId: poolId })).UserPool;

/** The members of a Describe* answer that an Update* input (its schema's shape) takes back. */
function settingsIn(input: { shape: Record<string, unknown> }, described: Rec): Rec {
  const out: Rec = {};
  for (const k of Object.keys(input.shape)) if (described[k] !== undefined) out[k] = described[k];
  return out;
}

/**
 * The pool's current UpdateUserPool input: UpdateUserPool replaces every mutable setting, so a form
 * that changes one setting sends all the others as DescribeUserPool shows them (docs/console.md).
 */
export const currentSettings = (pool: Rec): Rec => settingsIn(mutablePoolSettings, pool);

/** The client's current UpdateUserPoolClient settings (it replaces them all, as UpdateUserPool does). */
export const currentClientSettings = (client: Rec): Rec => settingsIn(clientSettings, client);

export const describeClient = (ctx: Ctx, poolId: string, clientId: string): Promise<Rec> =>
  ctx
    .call<{ UserPoolClient: Rec }>("DescribeUserPoolClient", { UserPoolId: poolId, ClientId: clientId })
    .then((d) => d.UserPoolClient);

/**
 * The pool's app clients as DescribeUserPoolClient shows them (ListUserPoolClients leaves out
 * PreventUserExistenceErrors, which the clients page and the pool page both show), up to `max`.
 */
export async function describedClients(ctx: Ctx, poolId: string, max?: number): Promise<Rec[]> {
  const clients = await listAll(
    ctx,
    "ListUserPoolClients",
    { UserPoolId: poolId, MaxResults: 60 },
    "UserPoolClients",
    "NextToken",
    "NextToken",
    max,
  );
  return Promise.all(clients.map((c) => describeClient(ctx, poolId, String(c.ClientId))));
}

/** The pool's existence profile as its tag says, or null for the server default. */
export function taggedProfile(pool: Rec): string | null {
  const tags = (pool.UserPoolTags as Record<string, string> | undefined) ?? {};
  return tags[EXISTENCE_PROFILE_TAG] ?? null;
}

export function withProfile(
  tags: Record<string, string> | undefined,
  profile: string,
): Record<string, string> {
  const out = { ...(tags ?? {}) };
  if (profile === "cognito" || profile === "strict") out[EXISTENCE_PROFILE_TAG] = profile;
  else delete out[EXISTENCE_PROFILE_TAG];
  return out;
}

export function parseJsonField(ctx: Ctx, name: string): Rec {
  const raw = ctx.form.get(name) ?? "";
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new FormError(`${name}: not valid JSON`);
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) throw new FormError(`${name}: expected a JSON object`);
  return v as Rec;
}

/** An optional whole number from a form field; undefined when blank. */
export function intField(ctx: Ctx, name: string): number | undefined {
  const raw = (ctx.form.get(name) ?? "").trim();
  if (raw === "") return undefined;
  if (!/^-?\d{1,12}$/.test(raw)) throw new FormError(`${name}: expected a whole number`);
  return Number(raw);
}

export const text = (ctx: Ctx, name: string): string => (ctx.form.get(name) ?? "").trim();
export const checked = (ctx: Ctx, name: string): boolean => ctx.form.get(name) === "on";

/**
 * The pools the signed-in key may see: every pool (ListUserPools) for a key on `"*"`; for a key
 * limited to some pools — which, like an IAM policy scoped to pool ARNs, may not call ListUserPools —
 * those pools, each through DescribeUserPool, skipping any that no longer exist.
 */
export async function visiblePools(ctx: Ctx): Promise<Rec[]> {
  const key = ctx.who.key;
  if (!key || key.pools === "*")
    return listAll(ctx, "ListUserPools", { MaxResults: 60 }, "UserPools", "NextToken", "NextToken");
  const out: Rec[] = [];
  for (const id of [...key.pools].sort()) {
    try {
      out.push(await describePool(ctx, id));
    } catch (e) {
      if (!(e instanceof CognitoError) || e.type !== "ResourceNotFoundException") throw e;
    }
  }
  return out;
}
