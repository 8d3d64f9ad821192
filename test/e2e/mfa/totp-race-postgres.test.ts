import { after, test } from "node:test";
import { expectOneSignInPerCode, movableClock } from "../../helpers/fixtures.ts";
import { freshSchema, POSTGRES_URL, postgresUnavailable } from "../../helpers/postgres.ts";
import { startTestServer } from "../../helpers/server.ts";

/**
 * The TOTP replay guard on PostgreSQL (docs/mfa.md#totp): one code answered on eight sessions at once
 * signs in exactly once; the others get `Your software token has already been used once.`
 */
const unavailable = await postgresUnavailable();
if (unavailable) {
  test(unavailable, { skip: true }, () => {});
} else {
  const schema = await freshSchema(POSTGRES_URL);
  after(() => schema.drop());
  test("PostgreSQL: one TOTP code on eight sessions at once → exactly one sign-in", async () => {
    const clock = movableClock();
    const s = await startTestServer({ databaseUrl: schema.url }, { clock });
    try {
      await expectOneSignInPerCode(s, clock, 8);
    } finally {
      await s.stop();
    }
  });
}
