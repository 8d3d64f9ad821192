import { errors } from "../errors/index.ts";
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
 * Returns them as a name → value map (a later duplicate wins, as a map would).
 */
export function checkAttributes(c: PoolConfig, list: AttributeInput[]): Record<string, string> {
  const schema = new Map<string, SchemaAttribute>(c.SchemaAttributes.map((a) => [a.Name, a]));
  const out: Record<string, string> = {};
  for (const { Name, Value = "" } of list) {
    const def = schema.get(Name);
    if (!def) throw errors.unknownAttribute(Name);
    if (Name === "sub") throw errors.immutableAttribute("sub");
    if (def.AttributeDataType === "String") {
      const max = Number(def.StringAttributeConstraints?.MaxLength ?? 2048);
      if ([...Value].length > max) throw errors.attributeTooLong(Name, max);
    }
    if (def.AttributeDataType === "Boolean" && Value !== "true" && Value !== "false") {
      throw errors.notABoolean(Name);
    }
    if (def.AttributeDataType === "Number" && Value !== "" && !/^-?\d+(\.\d+)?$/.test(Value)) {
      throw errors.notANumber(Name);
    }
    if (Name === "email" && Value !== "" && !isEmailShaped(Value)) throw errors.invalidEmail();
    if (Name === "phone_number" && Value !== "" && !isPhoneShaped(Value)) {
      throw errors.invalidPhoneNumber();
    }
    out[Name] = Value;
  }
  return out;
}

/** Required attributes missing from a new user (`… <attr>: The attribute is required`). */
export function checkRequired(c: PoolConfig, attributes: Record<string, string>): void {
  for (const a of c.SchemaAttributes) {
    if (a.Required && a.Name !== "sub" && !attributes[a.Name]) throw errors.requiredAttribute(a.Name);
  }
}

/** Attributes that may not change after creation (Mutable: false). */
export function checkMutable(c: PoolConfig, names: string[]): void {
  for (const n of names) {
    const def = c.SchemaAttributes.find((a) => a.Name === n);
    if (def && !def.Mutable) throw errors.immutableAttribute(n);
  }
}
