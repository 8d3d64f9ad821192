import { errors, type SchemaProblem, schemaProblem } from "../errors/index.ts";
import type { PoolConfig } from "../pools/pool.ts";
import type { SchemaAttribute } from "../pools/standard-attributes.ts";
import { isEmailShaped, isPhoneShaped } from "./username.ts";

export interface AttributeInput {
  Name: string;
  Value?: string | undefined;
}

/**
 * Checks attributes against the pool's schema with Cognito's messages (docs/errors.md): unknown names,
 * string lengths, number and boolean formats, email and phone formats. `sub` can never be written.
 * Every schema problem is reported, one per line, in one `Attributes did not conform to the schema`
 * error. A Boolean value is accepted in any case (`True`, `FALSE`), as Cognito accepts it, and kept
 * in lower case, the form tokens and verification read (docs/admin-users.md#attribute-values).
 * Returns them as a name → value map (a later duplicate wins, as a map would).
 */
export function checkAttributes(c: PoolConfig, list: AttributeInput[]): Record<string, string> {
  const schema = new Map<string, SchemaAttribute>(c.SchemaAttributes.map((a) => [a.Name, a]));
  const out: Record<string, string> = {};
  const problems: SchemaProblem[] = [];
  let format: "email" | "phone" | null = null;
  for (const { Name, Value: given = "" } of list) {
    let Value = given;
    const def = schema.get(Name);
    if (!def) {
      problems.push(schemaProblem.unknownAttribute(Name));
      continue;
    }
    if (Name === "sub") throw errors.immutableAttribute("sub");
    if (def.AttributeDataType === "String") {
      const max = Number(def.StringAttributeConstraints?.MaxLength ?? 2048);
      if ([...Value].length > max) problems.push(schemaProblem.attributeTooLong(Name, max));
    }
    if (def.AttributeDataType === "Boolean") {
      const lower = Value.toLowerCase();
      if (lower === "true" || lower === "false") Value = lower;
      else problems.push(schemaProblem.notABoolean(Name));
    }
    if (def.AttributeDataType === "Number" && Value !== "" && !/^-?\d+(\.\d+)?$/.test(Value)) {
      problems.push(schemaProblem.notANumber(Name));
    }
    if (Name === "email" && Value !== "" && !isEmailShaped(Value)) format ??= "email";
    if (Name === "phone_number" && Value !== "" && !isPhoneShaped(Value)) format ??= "phone";
    out[Name] = Value;
  }
  if (problems.length > 0) throw errors.attributesNotConforming(problems);
  if (format === "email") throw errors.invalidEmail();
  if (format === "phone") throw errors.invalidPhoneNumber();
  return out;
}

/** Required attributes missing from a new user (`… <attr>: The attribute is required`, one line each). */
export function checkRequired(c: PoolConfig, attributes: Record<string, string>): void {
  const missing = c.SchemaAttributes.filter((a) => a.Required && a.Name !== "sub" && !attributes[a.Name]);
  if (missing.length > 0)
    throw errors.attributesNotConforming(missing.map((a) => schemaProblem.requiredAttribute(a.Name)));
}

/** Attributes that may not change after creation (Mutable: false). */
export function checkMutable(c: PoolConfig, names: string[]): void {
  for (const n of names) {
    const def = c.SchemaAttributes.find((a) => a.Name === n);
    if (def && !def.Mutable) throw errors.immutableAttribute(n);
  }
}
