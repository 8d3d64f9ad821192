import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, test } from "node:test";
import {
  AddUserPoolClientSecretCommand,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  ListUserPoolClientSecretsCommand,
  RevokeTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  ALL_AUTH_FLOWS,
  confirmedUser,
  createPool,
  expectCognitoError,
  settle,
} from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Client-secret rotation (docs/operations.md#client-secrets): AddUserPoolClientSecret,
 * ListUserPoolClientSecrets, DeleteUserPoolClientSecret with the installed SDK's own commands, and
 * every secret check accepting either live secret.
 */
let s: TestServer;
let poolId: string;

before(async () => {
  s = await startTestServer();
  poolId = await createPool(s);
  await confirmedUser(s, poolId, "sam", "Passw0rd!");
});
after(() => s.stop());

const hash = (secret: string, username: string, clientId: string) =>
  createHmac("sha256", secret)
    .update(username + clientId)
    .digest("base64");

async function confidential(ClientSecret?: string): Promise<{ clientId: string; secret: string }> {
  const r = await s.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "confidential",
      ExplicitAuthFlows: [...ALL_AUTH_FLOWS],
      ...(ClientSecret ? { ClientSecret } : { GenerateSecret: true }),
    }),
  );
  return { clientId: r.UserPoolClient?.ClientId ?? "", secret: r.UserPoolClient?.ClientSecret ?? "" };
}

const signIn = (clientId: string, secret: string) =>
  s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: "sam", PASSWORD: "Passw0rd!", SECRET_HASH: hash(secret, "sam", clientId) },
    }),
  );

const list = (ClientId: string) =>
  s.client.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId }));

test("add a generated secret, list both, sign in with either, delete the first", async () => {
  const { clientId, secret: first } = await confidential();
  const before = await list(clientId);
  assert.equal(before.ClientSecrets?.length, 1);
  const firstId = before.ClientSecrets?.[0]?.ClientSecretId ?? "";
  assert.match(firstId, new RegExp(`^${clientId}--\\d+$`));

  const added = await s.client.send(
    new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId }),
  );
  const d = added.ClientSecretDescriptor;
  const second = d?.ClientSecretValue ?? "";
  assert.match(second, /^[a-z0-9]{51}$/);
  assert.match(d?.ClientSecretId ?? "", new RegExp(`^${clientId}--\\d+$`));
  assert.ok(d?.ClientSecretCreateDate instanceof Date);

  const both = await list(clientId);
  assert.deepEqual(
    both.ClientSecrets?.map((x) => x.ClientSecretId),
    [firstId, d?.ClientSecretId],
  );
  assert.ok(
    both.ClientSecrets?.every((x) => !("ClientSecretValue" in x)),
    "values are never listed",
  );

  const viaFirst = await signIn(clientId, first);
  const viaSecond = await signIn(clientId, second);
  assert.ok(viaFirst.AuthenticationResult?.AccessToken && viaSecond.AuthenticationResult?.AccessToken);
  const rt = viaSecond.AuthenticationResult?.RefreshToken ?? "";
  for (const ClientSecret of [first, second]) {
    const r = await s.client.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: clientId, ClientSecret, RefreshToken: rt }),
    );
    assert.ok(r.AuthenticationResult?.AccessToken);
  }
  await expectCognitoError(
    signIn(clientId, "wrong-secret-value-xxxxxxxxx"),
    "NotAuthorizedException",
    `Unable to verify secret hash for client ${clientId}`,
  );

  const desc = await s.client.send(
    new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }),
  );
  assert.equal(desc.UserPoolClient?.ClientSecret, second, "Describe shows the newest");

  await s.client.send(
    new DeleteUserPoolClientSecretCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      ClientSecretId: firstId,
    }),
  );
  assert.deepEqual(
    (await list(clientId)).ClientSecrets?.map((x) => x.ClientSecretId),
    [d?.ClientSecretId],
  );
  await expectCognitoError(
    signIn(clientId, first),
    "NotAuthorizedException",
    `Unable to verify secret hash for client ${clientId}`,
  );
  assert.ok((await signIn(clientId, second)).AuthenticationResult);
  await s.client.send(new RevokeTokenCommand({ ClientId: clientId, ClientSecret: second, Token: rt }));
});

test("a given secret is not echoed; limits and refusals with their messages", async () => {
  const { clientId } = await confidential("originalsecretvalue0123456789");
  const given = "rotatedsecretvalue0123456789";
  const added = await s.client.send(
    new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecret: given }),
  );
  assert.equal(added.ClientSecretDescriptor?.ClientSecretValue, undefined);
  assert.ok((await signIn(clientId, given)).AuthenticationResult);
  assert.ok((await signIn(clientId, "originalsecretvalue0123456789")).AuthenticationResult);

  await expectCognitoError(
    s.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId })),
    "LimitExceededException",
    "An app client can have at most 2 client secrets.",
  );
  await expectCognitoError(
    s.client.send(
      new DeleteUserPoolClientSecretCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ClientSecretId: `${clientId}--1`,
      }),
    ),
    "ResourceNotFoundException",
    `Client secret ${clientId}--1 does not exist.`,
  );
  const ids = (await list(clientId)).ClientSecrets?.map((x) => x.ClientSecretId ?? "") ?? [];
  await s.client.send(
    new DeleteUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecretId: ids[0] }),
  );
  await expectCognitoError(
    s.client.send(
      new DeleteUserPoolClientSecretCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ClientSecretId: ids[1],
      }),
    ),
    "InvalidParameterException",
    "You cannot delete the last remaining secret for an app client.",
  );

  const pub = await s.client.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "public" }),
  );
  const pubId = pub.UserPoolClient?.ClientId ?? "";
  await expectCognitoError(
    s.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: pubId })),
    "InvalidParameterException",
    `User pool client ${pubId} is not configured with a client secret.`,
  );
  assert.deepEqual((await list(pubId)).ClientSecrets, []);
  await expectCognitoError(
    list("nosuchclient"),
    "ResourceNotFoundException",
    "User pool client nosuchclient does not exist.",
  );
  await expectCognitoError(
    s.client.send(
      new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecret: "short" }),
    ),
    "InvalidParameterException",
    /clientSecret/,
  );
  await expectCognitoError(
    s.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: "us-east-1_nopool", ClientId: clientId })),
    "ResourceNotFoundException",
    "User pool us-east-1_nopool does not exist.",
  );
});

test("two Adds at once on a one-secret client: exactly one lands", async () => {
  const { clientId } = await confidential();
  const both = await Promise.all([
    settle(s.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId }))),
    settle(s.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId }))),
  ]);
  assert.equal(both.filter((r) => r.ok).length, 1);
  const lost = both.find((r) => !r.ok);
  assert.equal(lost && !lost.ok ? lost.name : "", "LimitExceededException");
  assert.equal((await list(clientId)).ClientSecrets?.length, 2);
});
