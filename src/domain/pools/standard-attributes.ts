/**
 * Cognito's standard attributes as DescribeUserPool lists them in SchemaAttributes (docs/operations.md#createuserpool):
 * string constraints are strings on the wire; `sub` is immutable and required.
 */
export interface SchemaAttribute {
  Name: string;
  AttributeDataType: "String" | "Number" | "DateTime" | "Boolean";
  DeveloperOnlyAttribute: boolean;
  Mutable: boolean;
  Required: boolean;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
}

const str = (Name: string, min = "0", max = "2048"): SchemaAttribute => ({
  Name,
  AttributeDataType: "String",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
  StringAttributeConstraints: { MinLength: min, MaxLength: max },
});

const bool = (Name: string): SchemaAttribute => ({
  Name,
  AttributeDataType: "Boolean",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
});

export const STANDARD_ATTRIBUTES: readonly SchemaAttribute[] = [
  { ...str("sub", "1", "2048"), Mutable: false, Required: true },
  str("name"),
  str("given_name"),
  str("family_name"),
  str("middle_name"),
  str("nickname"),
  str("preferred_username"),
  str("profile"),
  str("picture"),
  str("website"),
  str("email"),
  bool("email_verified"),
  str("gender"),
  str("birthdate", "10", "10"),
  str("zoneinfo"),
  str("locale"),
  str("phone_number"),
  bool("phone_number_verified"),
  str("address"),
  {
    Name: "updated_at",
    AttributeDataType: "Number",
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    NumberAttributeConstraints: { MinValue: "0" },
  },
];

export const STANDARD_NAMES: ReadonlySet<string> = new Set(STANDARD_ATTRIBUTES.map((a) => a.Name));
