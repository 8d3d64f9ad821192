import { existenceRowTests } from "../helpers/existence-rows.ts";

/** Every row of the existence table, both modes, through the AWS SDK (SQLite store). */
existenceRowTests();
