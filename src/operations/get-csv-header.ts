import { z } from "zod";
import { csvHeaderOf } from "../domain/import-jobs/csv-header.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/** GetCSVHeader: the standard columns followed by the pool's custom attributes (docs/admin-users.md#getcsvheader). */
export const getCsvHeader = defineOperation(
  "GetCSVHeader",
  z.object({ UserPoolId: shapes.userPoolId }),
  async ({ UserPoolId }, { store }: Pick<Services, "store">) => {
    const pool = await requirePool(store, UserPoolId);
    return { UserPoolId: pool.id, CSVHeader: csvHeaderOf(pool) };
  },
);
