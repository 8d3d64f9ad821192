import assert from "node:assert/strict";
import { after, test } from "node:test";
import { RespondToAuthChallengeCommand } from "@aws-sdk/client-cognito-identity-provider";
import { movableClock, settle } from "../../helpers/fixtures.ts";
import { freshSchema, POSTGRES_URL, postgresUnavailable } from "../../helpers/postgres.ts";
import { startTestServer } from "../../helpers/server.ts";
import { currentTotp, mfaPool, passwordAuth, totpUser } from "./helpers.ts";

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
      const ids = await mfaPool(s, "OPTIONAL");
      const { name, secret } = await totpUser(s, clock, ids);
      const sessions = await Promise.all(
        Array.from({ length: 8 }, () => passwordAuth(s, ids.clientId, name)),
      );
      const code = currentTotp(secret, clock.now());
      const results = await Promise.all(
        sessions.map((r) =>
          settle(
            s.client.send(
              new RespondToAuthChallengeCommand({
                ClientId: ids.clientId,
                ChallengeName: "SOFTWARE_TOKEN_MFA",
                Session: r.Session,
                ChallengeResponses: { USERNAME: name, SOFTWARE_TOKEN_MFA_CODE: code },
              }),
            ),
          ),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      for (const r of results) {
        if (!r.ok)
          assert.deepEqual(
            [r.name, r.message],
            ["ExpiredCodeException", "Your software token has already been used once."],
          );
      }
    } finally {
      await s.stop();
    }
  });
}
