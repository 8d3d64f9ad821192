import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ForgotPasswordCommand, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { confirmedUser, createClient, poolWithClients, rejectionOf, uniq } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

// docs/existence.md#the-time-floor: the code flows and choice-based sign-in (USER_AUTH) leave at
// --code-flow-floor-ms after arrival, for a real name and an unknown one alike; the password
// sign-ins do not wait.

// Long enough that a sign-in on a loaded machine still ends well before it.
const FLOOR = 1500;
let s: TestServer;
let clientId: string;
let known: string;
let userAuthClientId: string;

before(async () => {
  s = await startTestServer({ codeFlowFloorMs: FLOOR });
  const pool = await poolWithClients(s, { AutoVerifiedAttributes: ["email"] });
  clientId = pool.clients.ENABLED;
  userAuthClientId = await createClient(s, pool.poolId, "ENABLED", {
    ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  known = uniq("floor");
  await confirmedUser(s, pool.poolId, known, "Passw0rd!x", {
    email: `${known}@example.com`,
    email_verified: "true",
  });
});
after(() => s.stop());

async function timed(call: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await call().catch(() => undefined);
  return performance.now() - t0;
}

test("ForgotPassword answers a real and an unknown name no sooner than the floor", async () => {
  for (const Username of [known, uniq("nobody")]) {
    const ms = await timed(() => s.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username })));
    assert.ok(ms >= FLOOR, `${Username}: ${ms} ms`);
  }
});

test("USER_AUTH's first step answers a real and an unknown name no sooner than the floor", async () => {
  for (const name of [known, uniq("nobody")]) {
    const ms = await timed(() =>
      s.client.send(
        new InitiateAuthCommand({
          ClientId: userAuthClientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: name },
        }),
      ),
    );
    assert.ok(ms >= FLOOR, `${name}: ${ms} ms`);
  }
});

test("password sign-in is not held", async () => {
  const ms = await timed(() =>
    rejectionOf(
      s.client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: known, PASSWORD: "wrong-Passw0rd" },
        }),
      ),
    ),
  );
  assert.ok(ms < FLOOR, `${ms} ms`);
});
