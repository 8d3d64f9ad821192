import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { confirmedUser, poolWithClient } from "../../helpers/fixtures.ts";
import { rawCall, startTestServer, type TestServer } from "../../helpers/server.ts";
import { srpStart } from "../../helpers/srp-client.ts";

/**
 * A simulated PASSWORD_VERIFIER must carry the USER_ID_FOR_SRP a real user would get for the same
 * input: UUIDs where internal usernames are UUIDs or the input is an alias, else the typed name.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PW = "Corr3ct-Horse!";
let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

async function step1(clientId: string, username: string): Promise<Record<string, string>> {
  const r = await rawCall(
    s.url,
    "InitiateAuth",
    JSON.stringify({
      ClientId: clientId,
      AuthFlow: "USER_SRP_AUTH",
      AuthParameters: { USERNAME: username, SRP_A: srpStart().srpA },
    }),
  );
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json.ChallengeParameters as Record<string, string>;
}

test("email-as-username pool: real and simulated USER_ID_FOR_SRP are both UUIDs", async () => {
  const { poolId, clientId } = await poolWithClient(s, {
    pool: { UsernameAttributes: ["email"] },
    client: { PreventUserExistenceErrors: "ENABLED" },
  });
  await confirmedUser(s, poolId, "real@example.com", PW, { email: "real@example.com" });
  assert.match((await step1(clientId, "real@example.com")).USER_ID_FOR_SRP ?? "", UUID);
  assert.match((await step1(clientId, "ghost@example.com")).USER_ID_FOR_SRP ?? "", UUID);
});

test("alias pool: an unknown email gets a UUID, an unknown plain name gets itself", async () => {
  const { poolId, clientId } = await poolWithClient(s, {
    pool: { AliasAttributes: ["email"], UsernameConfiguration: { CaseSensitive: false } },
    client: { PreventUserExistenceErrors: "ENABLED" },
  });
  await confirmedUser(s, poolId, "alice", PW);
  assert.equal((await step1(clientId, "alice")).USER_ID_FOR_SRP, "alice");
  assert.equal((await step1(clientId, "bob")).USER_ID_FOR_SRP, "bob");
  // Case-insensitive pool: the canonical (folded) name, as stored names are compared folded.
  assert.equal((await step1(clientId, "Carol")).USER_ID_FOR_SRP, "carol");
  assert.match((await step1(clientId, "ghost@example.com")).USER_ID_FOR_SRP ?? "", UUID);
});
