import { after, test } from "node:test";
import { openPostgresStore } from "../../src/storage/sql/postgres-executor.ts";
import { freshSchema, POSTGRES_URL, postgresUnavailable } from "../helpers/postgres.ts";
import { storeContract } from "./contract.ts";
import { postgresExecutorTests } from "./postgres-executor-checks.ts";

// PostgreSQL at DATABASE_URL (default: the local test database). The run gets a fresh schema,
// emptied after each test and dropped at the end. Unreachable → one line, and the tests are skipped.
const unavailable = await postgresUnavailable();
if (unavailable) console.log(unavailable);

postgresExecutorTests(unavailable);

if (unavailable) {
  test("storage contract: postgres", { skip: unavailable }, () => {});
} else {
  const schema = await freshSchema(POSTGRES_URL);
  after(() => schema.drop());
  // Tests need no crash durability; skipping the commit flush makes them several times faster on a
  // busy disk without changing any visible behaviour.
  const url = new URL(schema.url);
  url.searchParams.set("options", "-c synchronous_commit=off");
  storeContract("postgres", async () => {
    // Migrates on first use; afterwards the advisory lock is taken and nothing is left to apply.
    const store = await openPostgresStore(url.toString());
    return {
      store,
      async cleanup() {
        await store.close();
        await schema.empty();
      },
    };
  });
}
