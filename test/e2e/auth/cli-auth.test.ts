import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type AwsCli, awsCliSkip, hasAwsCli, openAwsCli } from "../../helpers/aws-cli.ts";
import { confirmedUser, createClient, poolWithClient } from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/**
 * The seed's own sentences with the real AWS CLI (`aws cognito-idp initiate-auth --auth-flow
 * USER_PASSWORD_AUTH …`): UserNotFoundException under LEGACY, NotAuthorizedException under ENABLED.
 */
const hasAws = hasAwsCli;
const skip = awsCliSkip;

let s: TestServer;
let cli: AwsCli;
let legacy: string;
let enabled: string;
before(async () => {
  if (!hasAws) return;
  s = await startTestServer();
  cli = openAwsCli(s.url);
  const made = await poolWithClient(s);
  legacy = made.clientId;
  enabled = await createClient(s, made.poolId, "ENABLED", {
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  await confirmedUser(s, made.poolId, "myuser2", "Passw0rd!");
});
after(async () => {
  if (!hasAws) return;
  await cli.close();
  await s.stop();
});

function initiateAuth(clientId: string, username: string, password: string) {
  return cli.run(
    "initiate-auth",
    "--client-id",
    clientId,
    "--auth-flow",
    "USER_PASSWORD_AUTH",
    "--auth-parameters",
    `USERNAME=${username},PASSWORD=${password}`,
  );
}

test("aws cognito-idp initiate-auth: the seed's sentences in both modes, and tokens", { skip }, async () => {
  const off = await initiateAuth(legacy, "myuser", "password");
  assert.notEqual(off.code, 0);
  assert.equal(
    off.stderr.trim(),
    "An error occurred (UserNotFoundException) when calling the InitiateAuth operation: User does not exist.",
  );
  const on = await initiateAuth(enabled, "myuser", "password");
  assert.equal(
    on.stderr.trim(),
    "An error occurred (NotAuthorizedException) when calling the InitiateAuth operation: Incorrect username or password.",
  );
  const ok = await initiateAuth(enabled, "myuser2", "Passw0rd!");
  assert.equal(ok.code, 0, ok.stderr);
  const out = JSON.parse(ok.stdout) as { AuthenticationResult: { TokenType: string; ExpiresIn: number } };
  assert.equal(out.AuthenticationResult.TokenType, "Bearer");
  assert.equal(out.AuthenticationResult.ExpiresIn, 3600);
});
