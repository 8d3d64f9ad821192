import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AdminInitiateAuthCommand, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { confirmedUser, expectCognitoError, poolWithClient } from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

let s: TestServer;
let poolId: string;
let clientId: string;
before(async () => {
  s = await startTestServer();
  ({ poolId, clientId } = await poolWithClient(s));
  await confirmedUser(s, poolId, "alice", "Passw0rd!");
});
after(() => s.stop());

test("USER_PASSWORD_AUTH returns tokens with an empty ChallengeParameters", async () => {
  const r = await s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" },
    }),
  );
  assert.deepEqual(r.ChallengeParameters, {});
  assert.equal(r.AuthenticationResult?.TokenType, "Bearer");
  assert.equal(r.AuthenticationResult?.ExpiresIn, 3600);
  assert.ok(r.AuthenticationResult?.RefreshToken);
});

test("ADMIN_USER_PASSWORD_AUTH and a wrong password", async () => {
  const ok = await s.client.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" },
    }),
  );
  assert.ok(ok.AuthenticationResult?.IdToken);
  const bad = s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: "alice", PASSWORD: "nope" },
    }),
  );
  await expectCognitoError(bad, "NotAuthorizedException", "Incorrect username or password.");
});
