import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { EXISTENCE_PROFILE_TAG, type ExistenceProfile } from "../../../src/domain/existence/index.ts";
import { confirmedUser, poolWithClient } from "../../helpers/fixtures.ts";
import { rawCall, startTestServer, type TestServer } from "../../helpers/server.ts";
import { srpRespond, srpStart } from "../../helpers/srp-client.ts";

/**
 * The USER_ID_FOR_SRP of a simulated PASSWORD_VERIFIER, per profile (docs/authentication.md#simulated-user_id_for_srp):
 * - cognito: a UUID stable per (pool, name), as Cognito's guide says, so in a plain-username pool a
 *   real user (their username) and an unknown name (a UUID) differ — Cognito's documented caveat;
 * - strict: in pools with UsernameAttributes both are UUIDs; elsewhere every name shows itself as
 *   typed, and only the exact username can prove the password with SRP (an alias or another letter
 *   case fails like an unknown name).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PW = "Corr3ct-Horse!";
const INCORRECT = "NotAuthorizedException: Incorrect username or password.";
let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

async function step1(clientId: string, username: string) {
  const start = srpStart();
  const r = await rawCall(
    s.url,
    "InitiateAuth",
    JSON.stringify({
      ClientId: clientId,
      AuthFlow: "USER_SRP_AUTH",
      AuthParameters: { USERNAME: username, SRP_A: start.srpA },
    }),
  );
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return { start, params: r.json.ChallengeParameters as Record<string, string> };
}

/** Both SRP steps with the password; "tokens" or the refusal. */
async function srpSignIn(poolId: string, clientId: string, username: string): Promise<string> {
  const { start, params } = await step1(clientId, username);
  const r = await rawCall(
    s.url,
    "RespondToAuthChallenge",
    JSON.stringify({
      ClientId: clientId,
      ChallengeName: "PASSWORD_VERIFIER",
      ChallengeResponses: srpRespond(poolId, start, params, PW),
    }),
  );
  if (r.status === 200) return r.json.AuthenticationResult ? "tokens" : String(r.json.ChallengeName);
  return `${String(r.json.__type)}: ${String(r.json.message)}`;
}

const pool = (profile: ExistenceProfile, settings: Record<string, unknown>) =>
  poolWithClient(s, {
    pool: { ...settings, UserPoolTags: { [EXISTENCE_PROFILE_TAG]: profile } },
    client: { PreventUserExistenceErrors: "ENABLED" },
  });

for (const profile of ["cognito", "strict"] as const) {
  test(`email-as-username pool: real and simulated USER_ID_FOR_SRP are both UUIDs · ${profile}`, async () => {
    const { poolId, clientId } = await pool(profile, { UsernameAttributes: ["email"] });
    await confirmedUser(s, poolId, "real@example.com", PW, { email: "real@example.com" });
    assert.match((await step1(clientId, "real@example.com")).params.USER_ID_FOR_SRP ?? "", UUID);
    assert.match((await step1(clientId, "ghost@example.com")).params.USER_ID_FOR_SRP ?? "", UUID);
    assert.equal(await srpSignIn(poolId, clientId, "real@example.com"), "tokens");
  });
}

test("cognito, alias pool: every unknown name gets a stable UUID; a real user shows the username", async () => {
  const { poolId, clientId } = await pool("cognito", {
    AliasAttributes: ["email"],
    UsernameConfiguration: { CaseSensitive: false },
  });
  await confirmedUser(s, poolId, "alice", PW, { email: "alice@example.com", email_verified: "true" });
  assert.equal((await step1(clientId, "alice")).params.USER_ID_FOR_SRP, "alice");
  assert.equal((await step1(clientId, "alice@example.com")).params.USER_ID_FOR_SRP, "alice");
  const bob = (await step1(clientId, "bob")).params.USER_ID_FOR_SRP ?? "";
  assert.match(bob, UUID);
  assert.equal((await step1(clientId, "BOB")).params.USER_ID_FOR_SRP, bob, "stable per canonical name");
  assert.match((await step1(clientId, "ghost@example.com")).params.USER_ID_FOR_SRP ?? "", UUID);
  assert.equal(await srpSignIn(poolId, clientId, "alice@example.com"), "tokens");
});

test("strict, alias pool: every name shows itself as typed; only the exact username proves with SRP", async () => {
  const { poolId, clientId } = await pool("strict", {
    AliasAttributes: ["email"],
    UsernameConfiguration: { CaseSensitive: false },
  });
  await confirmedUser(s, poolId, "alice", PW, { email: "alice@example.com", email_verified: "true" });
  const shown = async (name: string) => {
    const p = (await step1(clientId, name)).params;
    assert.equal(p.USERNAME, p.USER_ID_FOR_SRP);
    return { id: p.USER_ID_FOR_SRP, salt: p.SALT };
  };
  for (const name of ["alice", "Alice", "alice@example.com", "bob", "Bob", "ghost@example.com"]) {
    assert.equal((await shown(name)).id, name, "known or not, the typed name");
  }
  // Case variants: distinct salts for a known name and for an unknown one alike.
  assert.notEqual((await shown("alice")).salt, (await shown("Alice")).salt);
  assert.notEqual((await shown("bob")).salt, (await shown("Bob")).salt);
  assert.equal((await shown("Bob")).salt, (await shown("Bob")).salt, "stable per typed name");
  assert.equal(await srpSignIn(poolId, clientId, "alice"), "tokens");
  assert.equal(await srpSignIn(poolId, clientId, "Alice"), INCORRECT);
  assert.equal(await srpSignIn(poolId, clientId, "alice@example.com"), INCORRECT);
  // The password flow checks the password whatever name resolved the user.
  const pw = await rawCall(
    s.url,
    "InitiateAuth",
    JSON.stringify({
      ClientId: clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "Alice@Example.com", PASSWORD: PW },
    }),
  );
  assert.equal(pw.status, 200, JSON.stringify(pw.json));
});
