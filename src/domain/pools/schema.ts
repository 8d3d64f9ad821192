import { type CognitoError, errors } from "../errors/index.ts";
import type { SchemaAttributeInput } from "./pool-settings.ts";
import { type SchemaAttribute, STANDARD_ATTRIBUTES, STANDARD_NAMES } from "./standard-attributes.ts";

/**
 * A pool's attribute schema from CreateUserPool's `Schema`, and its growth by AddCustomAttributes
 * (docs/admin-users.md#the-attribute-schema). Custom attributes become `custom:<name>`, or
 * `dev:<name>` when developer-only (AWS's SchemaAttributeType reference: "When
 * DeveloperOnlyAttribute is true, Amazon Cognito creates your attribute as dev:MyAttribute",
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SchemaAttributeType.html).
 * Every refusal of a request is reported, each on a line of its own.
 */

/** The name without a `custom:` the caller may have typed (Cognito adds the prefix itself). */
const baseName = (name: string): string => (name.startsWith("custom:") ? name.slice(7) : name);
const baseOf = (stored: string): string => stored.replace(/^(custom|dev):/, "");

const WHOLE = /^\d+$/;
const SIGNED_WHOLE = /^-?\d+$/;

/** The constraints a String or Number attribute keeps, or the refusals they earn. */
function constraintsOf(
  a: SchemaAttributeInput,
  type: SchemaAttribute["AttributeDataType"],
  name: string,
  refusals: CognitoError[],
): Pick<SchemaAttribute, "StringAttributeConstraints" | "NumberAttributeConstraints"> {
  if (type === "String" && a.StringAttributeConstraints) {
    const { MinLength, MaxLength } = a.StringAttributeConstraints;
    if ([MinLength, MaxLength].some((v) => v !== undefined && !WHOLE.test(v))) {
      refusals.push(errors.invalidAttributeConstraints("StringAttributeConstraints", name));
    } else if ([MinLength, MaxLength].some((v) => v !== undefined && Number(v) > 2048)) {
      refusals.push(errors.stringConstraintOver2048(name));
    } else if (MinLength !== undefined && MaxLength !== undefined && Number(MaxLength) < Number(MinLength)) {
      refusals.push(errors.maxLengthBelowMinLength(name));
    }
    return { StringAttributeConstraints: { ...a.StringAttributeConstraints } };
  }
  if (type === "Number" && a.NumberAttributeConstraints) {
    const { MinValue, MaxValue } = a.NumberAttributeConstraints;
    if ([MinValue, MaxValue].some((v) => v !== undefined && !SIGNED_WHOLE.test(v))) {
      refusals.push(errors.invalidAttributeConstraints("NumberAttributeConstraints", name));
    } else if (MinValue !== undefined && MaxValue !== undefined && Number(MaxValue) < Number(MinValue)) {
      refusals.push(errors.maxValueBelowMinValue(name));
    }
    return { NumberAttributeConstraints: { ...a.NumberAttributeConstraints } };
  }
  return type === "String"
    ? { StringAttributeConstraints: {} }
    : type === "Number"
      ? { NumberAttributeConstraints: {} }
      : {};
}

/** Adds custom attributes to `schema` (a copy); standard ones may be redeclared only on create. */
function addAttributes(
  schema: SchemaAttribute[],
  input: readonly SchemaAttributeInput[],
  standardAllowed: boolean,
): SchemaAttribute[] {
  const refusals: CognitoError[] = [];
  for (const a of input) {
    if (standardAllowed && STANDARD_NAMES.has(a.Name)) {
      const std = schema.find((s) => s.Name === a.Name);
      if (!std) continue;
      if (
        (a.AttributeDataType && a.AttributeDataType !== std.AttributeDataType) ||
        a.DeveloperOnlyAttribute
      ) {
        refusals.push(errors.standardAttributeRedefined(a.Name));
        continue;
      }
      if (a.Required !== undefined) std.Required = a.Required;
      if (a.Mutable !== undefined) std.Mutable = a.Mutable;
      const constraints = constraintsOf(a, std.AttributeDataType, a.Name, refusals);
      if (a.StringAttributeConstraints || a.NumberAttributeConstraints) Object.assign(std, constraints);
      continue;
    }
    if (!a.AttributeDataType) {
      refusals.push(errors.attributeDataTypeMissing());
      continue;
    }
    if (a.Required) {
      refusals.push(errors.requiredCustomAttribute());
      continue;
    }
    const base = baseName(a.Name);
    const name = a.DeveloperOnlyAttribute ? `dev:${base}` : `custom:${base}`;
    const taken = schema.find((s) => !STANDARD_NAMES.has(s.Name) && baseOf(s.Name) === base);
    if (taken) {
      refusals.push(errors.attributeNameTaken(`custom:${base}`, taken.Name));
      continue;
    }
    schema.push({
      Name: name,
      AttributeDataType: a.AttributeDataType,
      DeveloperOnlyAttribute: a.DeveloperOnlyAttribute ?? false,
      Mutable: a.Mutable ?? true,
      Required: false,
      ...constraintsOf(a, a.AttributeDataType, name, refusals),
    });
  }
  if (refusals.length === 1 && refusals[0]) throw refusals[0];
  if (refusals.length > 1) throw errors.schemaRefusals(refusals.map((e) => e.message));
  return schema;
}

/** CreateUserPool: the standard attributes (some redeclared) and the custom ones. */
export function schemaFrom(input: readonly SchemaAttributeInput[] | undefined): SchemaAttribute[] {
  return addAttributes(
    STANDARD_ATTRIBUTES.map((a) => ({ ...a })),
    input ?? [],
    true,
  );
}

/** AddCustomAttributes: the pool's schema with these custom attributes appended. */
export function withCustomAttributes(
  current: readonly SchemaAttribute[],
  input: readonly SchemaAttributeInput[],
): SchemaAttribute[] {
  return addAttributes(
    current.map((a) => ({ ...a })),
    input,
    false,
  );
}
