import { z } from "zod";
import { requirePool } from "../domain/pools/lookup.ts";
import { poolConfig } from "../domain/pools/pool.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/** The user-import CSV columns Cognito documents, in its order (docs/admin-users.md#getcsvheader). */
const STANDARD_COLUMNS = [
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
];

/** GetCSVHeader: the standard columns followed by the pool's custom attributes (docs/admin-users.md#getcsvheader). */
export const getCsvHeader = defineOperation(
  "GetCSVHeader",
  z.object({ UserPoolId: shapes.userPoolId }),
  async ({ UserPoolId }, { store }: Pick<Services, "store">) => {
    const pool = await requirePool(store, UserPoolId);
    const custom = poolConfig(pool)
      .SchemaAttributes.map((a) => a.Name)
      .filter((n) => n.startsWith("custom:"));
    return { UserPoolId: pool.id, CSVHeader: [...STANDARD_COLUMNS, ...custom] };
  },
);
