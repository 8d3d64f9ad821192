import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, test } from "node:test";
import {
  AdminDeleteUserCommand,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { confirmedUser, createPool, expectCognitoError, movableClock } from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/**
 * REFRESH_TOKEN_AUTH on a client with a secret: the SECRET_HASH is checked before anything is said
 * about the token (docs/errors.md#unable-to-verify-secret-hash-for-client-id), so without the client
 * secret a live, revoked, expired, orphaned or garbage token all get the same answer.
 */
const clock = movableClock();
let s: TestServer;
let clientId: string;
let poolId: string;
let key: string;

const hash = (name: string) =>
  createHmac("sha256", key)
    .update(name + clientId)
    .digest("base64");

before(async () => {
  s = await startTestServer({}, { clock });
  poolId = await createPool(s);
  const c = await s.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "confidential",
      GenerateSecret: true,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  clientId = c.UserPoolClient?.ClientId ?? "";
  key = c.UserPoolClient?.ClientSecret ?? "";
});
after(() => s.stop());

async function signIn(username: string): Promise<string> {
  await confirmedUser(s, poolId, username, "Passw0rd!").catch(() => {});
  const r = await s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: "Passw0rd!", SECRET_HASH: hash(username) },
    }),
  );
  const token = r.AuthenticationResult?.RefreshToken;
  assert.ok(token);
  return token;
}

const refresh = (REFRESH_TOKEN: string, SECRET_HASH: string) =>
  s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: clientId,
      AuthParameters: { REFRESH_TOKEN, SECRET_HASH },
    }),
  );

test("a wrong SECRET_HASH gets the secret-hash error whatever the token", async () => {
  const mismatch = `Unable to verify secret hash for client ${clientId}`;
  const live = await signIn("sam");
  const revoked = await signIn("sam");
  await s.client.send(new RevokeTokenCommand({ Token: revoked, ClientId: clientId, ClientSecret: key }));
  const orphan = await signIn("gone");
  await s.client.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: "gone" }));
  const tokens = { live, revoked, orphan, garbage: "garbage", almost: `${live.slice(0, -4)}AAAA` };

  for (const [what, token] of Object.entries(tokens)) {
    for (const wrong of [hash("someone-else"), "d3JvbmcK", hash("sam").replace(/^./, "A")]) {
      await expectCognitoError(refresh(token, wrong), "NotAuthorizedException", mismatch, what);
    }
  }

  // With the right hash each tells its own story.
  const ok = await refresh(live, hash("sam"));
  assert.ok(ok.AuthenticationResult?.AccessToken);
  await expectCognitoError(
    refresh(revoked, hash("sam")),
    "NotAuthorizedException",
    "Refresh Token has been revoked",
  );

  clock.advance(31 * 24 * 60 * 60_000);
  await expectCognitoError(refresh(live, hash("wrong")), "NotAuthorizedException", mismatch, "expired");
  await expectCognitoError(refresh(live, hash("sam")), "NotAuthorizedException", "Refresh Token has expired");
});
