// Prints the existence table (both profiles) as Markdown for docs/existence.md (a unit test checks the doc has it):
//   npx tsx scripts/print-existence-table.ts            this rows (sign-up and recovery)
//   npx tsx scripts/print-existence-table.ts --auth     the sign-in rows (src/domain/existence/auth-rows.ts)
import { authRows } from "../src/domain/existence/auth-rows.ts";
import { recoveryRows } from "../src/domain/existence/recovery-rows.ts";
import { renderExistenceTable } from "./existence-table-markdown.ts";

process.stdout.write(`${renderExistenceTable(process.argv.includes("--auth") ? authRows : recoveryRows)}\n`);
