import type { PoolRecord } from "../../storage/ports.ts";
import { poolConfig } from "../pools/pool.ts";

/** The user-import CSV columns Cognito documents, in its order (docs/admin-users.md#getcsvheader). */
export const STANDARD_COLUMNS = [
  "cognito:username",
  "name",
  "given_name",
  "family_name",
  "middle_name",
  "nickname",
  "preferred_username",
  "profile",
  "picture",
  "website",
  "email",
  "email_verified",
  "gender",
  "birthdate",
  "zoneinfo",
  "locale",
  "phone_number",
  "phone_number_verified",
  "address",
  "updated_at",
  "cognito:mfa_enabled",
] as const;

/** GetCSVHeader's columns: the standard ones, then the pool's custom attributes in schema order. */
export function csvHeaderOf(pool: PoolRecord): string[] {
  const custom = poolConfig(pool)
    .SchemaAttributes.map((a) => a.Name)
    .filter((n) => n.startsWith("custom:"));
  return [...STANDARD_COLUMNS, ...custom];
}
