import { errors, schemaProblem } from "../errors/index.ts";
import type { PoolConfig } from "../pools/pool.ts";
import { type AttributeInput, checkAttributes, checkMutable, checkRequired } from "./attributes.ts";

/** Attributes whose change makes the matching `<name>_verified` false (docs/operations.md#token-authorised-operations, docs/admin-users.md). */
const VERIFIABLE = ["email", "phone_number"] as const;

/**
 * AdminUpdateUserAttributes: the user's attributes after the update. Values are checked against the
 * schema and mutability. A changed email / phone number becomes unverified unless the same request
 * sets `<name>_verified` — Cognito marks a changed address unverified; hushpool does not send the
 * verification code from this admin call (docs/admin-users.md).
 */
export function updatedAttributes(
  c: PoolConfig,
  current: Readonly<Record<string, string>>,
  changes: AttributeInput[],
): Record<string, string> {
  const values = checkAttributes(c, changes);
  checkMutable(c, Object.keys(values));
  const next = { ...current, ...values };
  for (const name of VERIFIABLE) {
    const flag = `${name}_verified`;
    if (name in values && values[name] !== current[name] && !(flag in values)) next[flag] = "false";
  }
  checkRequired(c, next);
  return next;
}

/**
 * AdminDeleteUserAttributes: the attributes after deleting `names`. Each name must be in the schema
 * and mutable; deleting a required attribute is refused with the schema message. Deleting email /
 * phone_number also drops its `_verified` flag (a flag without an address means nothing).
 */
export function withoutAttributes(
  c: PoolConfig,
  current: Readonly<Record<string, string>>,
  names: string[],
): Record<string, string> {
  const known = new Set(c.SchemaAttributes.map((a) => a.Name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) throw errors.attributesNotConforming(unknown.map(schemaProblem.unknownAttribute));
  if (names.includes("sub")) throw errors.immutableAttribute("sub");
  checkMutable(c, names);
  const next = { ...current };
  for (const n of names) {
    delete next[n];
    if (n === "email" || n === "phone_number") delete next[`${n}_verified`];
  }
  checkRequired(c, next);
  return next;
}
