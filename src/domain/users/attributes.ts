import { errors } from "../errors/catalogue.ts";
import type { PoolConfig } from "../pools/pool.ts";
import type { SchemaAttribute } from "../pools/standard-attributes.ts";
import { isEmailShaped, isPhoneShaped } from "./username.ts";

export interface AttributeInput {
  Name: string;
  Value?: string | undefined;
}

const schemaError = (name: string, why: string) =>
  errors.invalidParameter(`Attributes did not conform to the schema: ${name}: ${why}`);

/**
 * Checks attributes against the pool's schema with Cognito's messages (spec A.0): unknown names,
 * string lengths, number and boolean formats, email and phone formats. `sub` can never be written.
 * Returns them as a name → value map (a later duplicate wins, as a map would).
 */
export function checkAttributes(c: PoolConfig, list: AttributeInput[]): Record<string, string> {
  const schema = new Map<string, SchemaAttribute>(c.SchemaAttributes.map((a) => [a.Name, a]));
  const out: Record<string, string> = {};
  for (const { Name, Value = "" } of list) {
    const def = schema.get(Name);
    if (!def) throw schemaError(Name, "Attribute does not exist in the schema.");
    if (Name === "sub") throw errors.invalidParameter("Cannot modify an immutable attribute: sub");
    if (def.AttributeDataType === "String") {
      const max = Number(def.StringAttributeConstraints?.MaxLength ?? 2048);
      if ([...Value].length > max) throw schemaError(Name, `String must be no longer than ${max} characters`);
    }
    if (def.AttributeDataType === "Boolean" && Value !== "true" && Value !== "false") {
      throw schemaError(Name, "Value must be true or false");
    }
    if (def.AttributeDataType === "Number" && Value !== "" && !/^-?\d+(\.\d+)?$/.test(Value)) {
      throw schemaError(Name, "Number expected");
    }
    if (Name === "email" && Value !== "" && !isEmailShaped(Value))
      throw errors.invalidParameter("Invalid email address format.");
    if (Name === "phone_number" && Value !== "" && !isPhoneShaped(Value)) {
      throw errors.invalidParameter("Invalid phone number format.");
    }
    out[Name] = Value;
  }
  return out;
}

/** Required attributes missing from a new user (`… <attr>: The attribute is required`). */
export function checkRequired(c: PoolConfig, attributes: Record<string, string>): void {
  for (const a of c.SchemaAttributes) {
    if (a.Required && a.Name !== "sub" && !attributes[a.Name])
      throw schemaError(a.Name, "The attribute is required");
  }
}

/** Attributes that may not change after creation (Mutable: false). */
export function checkMutable(c: PoolConfig, names: string[]): void {
  for (const n of names) {
    const def = c.SchemaAttributes.find((a) => a.Name === n);
    if (def && !def.Mutable) throw errors.invalidParameter(`Cannot modify an immutable attribute: ${n}`);
  }
}
