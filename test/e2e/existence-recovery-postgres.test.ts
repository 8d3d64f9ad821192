import { after, test } from "node:test";
import { existenceRowTests } from "../helpers/existence-rows.ts";
import { freshSchema, POSTGRES_URL, postgresUnavailable } from "../helpers/postgres.ts";

/** The same rows against the PostgreSQL store (one throw-away schema); skipped when none answers. */
const unavailable = await postgresUnavailable();
if (unavailable) {
  test(unavailable, { skip: true }, () => {});
} else {
  const schema = await freshSchema(POSTGRES_URL);
  existenceRowTests({ databaseUrl: schema.url });
  // Registered after the server's own `after`, so the server has stopped before its schema goes.
  after(() => schema.drop());
}
