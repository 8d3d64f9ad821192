import { test } from "node:test";
import { openPostgresStore } from "../../src/storage/sql/postgres-executor.ts";
import { freshSchema, POSTGRES_URL, postgresUnavailable } from "../helpers/postgres.ts";
import { storeContract } from "./contract.ts";

// A fresh schema per store (so per test), dropped when the test ends; the URL comes from DATABASE_URL.
const unavailable = await postgresUnavailable();
if (unavailable) {
  console.log(unavailable);
  test("storage contract: postgres", { skip: unavailable }, () => {});
} else {
  storeContract("postgres", async () => {
    const schema = await freshSchema(POSTGRES_URL);
    const store = await openPostgresStore(schema.url);
    return {
      store,
      async cleanup() {
        await store.close();
        await schema.drop();
      },
    };
  });
}
