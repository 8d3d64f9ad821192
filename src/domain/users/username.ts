import type { AliasKind, PoolRecord, Store, UserRecord } from "../../storage/ports.ts";
import { isCaseSensitive, type PoolConfig, poolConfig } from "../pools/pool.ts";

/** The shape of a sign-in name as typed: it decides which lookups apply (docs/operations.md#username-models, docs/existence.md#simulated-codedeliverydetails). */
export type InputShape = "email" | "phone" | "plain";

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE = /^\+[0-9]{5,15}$/;

export const isEmailShaped = (s: string): boolean => EMAIL.test(s);
export const isPhoneShaped = (s: string): boolean => PHONE.test(s);
export const shapeOf = (s: string): InputShape =>
  isEmailShaped(s) ? "email" : isPhoneShaped(s) ? "phone" : "plain";

/** Case folding for keys: usernames and email/preferred_username aliases in case-insensitive pools. */
export const foldKey = (c: PoolConfig, value: string): string =>
  isCaseSensitive(c) ? value.normalize("NFC") : value.normalize("NFC").toLowerCase();

/** The lookup keys under which a user can also be found (see UserRecord.aliases). */
export function aliasKeys(c: PoolConfig, attributes: Record<string, string>): UserRecord["aliases"] {
  const out: UserRecord["aliases"] = {};
  const ua = c.UsernameAttributes ?? [];
  const aa = c.AliasAttributes ?? [];
  const email = attributes.email;
  const phone = attributes.phone_number;
  // Username-attribute pools: the email/phone IS the sign-in name, verified or not (docs/operations.md#username-attributes).
  if (ua.includes("email") && email) out.email = foldKey(c, email);
  if (ua.includes("phone_number") && phone) out.phone_number = phone;
  // Alias pools: email/phone only once verified; preferred_username always (docs/operations.md#alias-attributes).
  if (aa.includes("email") && email && attributes.email_verified === "true") out.email = foldKey(c, email);
  if (aa.includes("phone_number") && phone && attributes.phone_number_verified === "true")
    out.phone_number = phone;
  if (aa.includes("preferred_username") && attributes.preferred_username) {
    out.preferred_username = foldKey(c, attributes.preferred_username);
  }
  return out;
}

/** Which alias lookups apply to an input in this pool, in priority order after the username. */
function aliasLookups(c: PoolConfig, input: string): AliasKind[] {
  const shape = shapeOf(input);
  const kinds = [...(c.UsernameAttributes ?? []), ...(c.AliasAttributes ?? [])] as AliasKind[];
  return kinds.filter(
    (k) =>
      (k === "email" && shape === "email") ||
      (k === "phone_number" && shape === "phone") ||
      k === "preferred_username",
  );
}

/**
 * Finds a user by username or active alias. Every lookup that applies to this pool and this input
 * shape is run, whether or not an earlier one hit, so the number of reads depends on what was typed
 * and never on whether the user exists (docs/existence.md#equal-work).
 */
export async function findUser(store: Store, pool: PoolRecord, input: string): Promise<UserRecord | null> {
  const c = poolConfig(pool);
  const key = foldKey(c, input);
  const [byName, ...byAlias] = await Promise.all([
    store.users.findByUsername(pool.id, key),
    ...aliasLookups(c, input).map((k) =>
      store.users.findByAlias(pool.id, k, k === "phone_number" ? input : key),
    ),
  ]);
  return byName ?? byAlias.find((u) => u !== null) ?? null;
}

/** The canonical name for counters and simulated answers: the folded input as typed. */
export const canonicalName = (pool: PoolRecord, input: string): string => foldKey(poolConfig(pool), input);
