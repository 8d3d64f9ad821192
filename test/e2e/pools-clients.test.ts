import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

test("CreateUserPool applies Cognito's defaults and DescribeUserPool returns them", async () => {
  const { UserPool } = await s.client.send(new CreateUserPoolCommand({ PoolName: "defaults" }));
  assert.match(UserPool?.Id ?? "", /^us-east-1_[0-9A-Za-z]{9}$/);
  assert.equal(UserPool?.Arn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${UserPool?.Id}`);
  const d = (await s.client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool?.Id }))).UserPool;
  assert.deepEqual(d?.Policies?.PasswordPolicy, {
    MinimumLength: 8,
    RequireUppercase: true,
    RequireLowercase: true,
    RequireNumbers: true,
    RequireSymbols: true,
    TemporaryPasswordValidityDays: 7,
  });
  assert.equal(d?.MfaConfiguration, "OFF");
  assert.equal(d?.EstimatedNumberOfUsers, 0);
  assert.ok(d?.CreationDate instanceof Date);
  const names = d?.SchemaAttributes?.map((a) => a.Name) ?? [];
  for (const n of ["sub", "email", "email_verified", "phone_number", "updated_at"])
    assert.ok(names.includes(n), n);
});

test("CreateUserPool stores settings, custom attributes and create-only options", async () => {
  const { UserPool } = await s.client.send(
    new CreateUserPoolCommand({
      PoolName: "full",
      UsernameAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ["email"],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] },
      Policies: { PasswordPolicy: { MinimumLength: 10, RequireNumbers: true } },
      Schema: [{ Name: "tenant", AttributeDataType: "String", Mutable: true }],
      UserPoolTags: { team: "auth" },
      LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:000000000000:function:pre" },
    }),
  );
  const id = UserPool?.Id;
  const d = (await s.client.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool;
  assert.deepEqual(d?.UsernameAttributes, ["email"]);
  assert.deepEqual(d?.UsernameConfiguration, { CaseSensitive: false });
  assert.equal(d?.Policies?.PasswordPolicy?.MinimumLength, 10);
  assert.equal(d?.Policies?.PasswordPolicy?.RequireUppercase, false);
  assert.ok(d?.SchemaAttributes?.some((a) => a.Name === "custom:tenant"));
  assert.deepEqual(d?.UserPoolTags, { team: "auth" });
  assert.equal(d?.LambdaConfig?.PreSignUp, "arn:aws:lambda:us-east-1:000000000000:function:pre");

  // UpdateUserPool is a full replace: omitted settings go back to defaults; create-only ones stay.
  await s.client.send(new UpdateUserPoolCommand({ UserPoolId: id, AutoVerifiedAttributes: ["email"] }));
  const u = (await s.client.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool;
  assert.deepEqual(u?.LambdaConfig, {});
  assert.equal(u?.Policies?.PasswordPolicy?.MinimumLength, 8);
  assert.deepEqual(u?.UsernameAttributes, ["email"]);
  assert.deepEqual(u?.UserPoolTags, {});
});

test("ListUserPools pages with MaxResults and NextToken", async () => {
  for (let i = 0; i < 5; i++) await s.client.send(new CreateUserPoolCommand({ PoolName: `page-${i}` }));
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const r = await s.client.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: token }));
    assert.ok((r.UserPools?.length ?? 0) <= 2);
    for (const p of r.UserPools ?? []) seen.add(p.Id ?? "");
    token = r.NextToken;
  } while (token);
  assert.ok(seen.size >= 5);
});

test("app clients: defaults, secrets, full-replace update, list and delete", async () => {
  const { UserPool } = await s.client.send(new CreateUserPoolCommand({ PoolName: "clients" }));
  const UserPoolId = UserPool?.Id;
  const created = (
    await s.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId,
        ClientName: "web",
        GenerateSecret: true,
        PreventUserExistenceErrors: "ENABLED",
      }),
    )
  ).UserPoolClient;
  assert.match(created?.ClientId ?? "", /^[a-z0-9]{26}$/);
  assert.ok((created?.ClientSecret?.length ?? 0) >= 24);
  assert.deepEqual(created?.ExplicitAuthFlows, [
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_CUSTOM_AUTH",
  ]);
  assert.equal(created?.PreventUserExistenceErrors, "ENABLED");
  assert.equal(created?.RefreshTokenValidity, 30);
  assert.equal(created?.EnableTokenRevocation, true);
  assert.equal(created?.AuthSessionValidity, 3);

  const ClientId = created?.ClientId;
  const d = (await s.client.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }))).UserPoolClient;
  assert.equal(d?.ClientSecret, created?.ClientSecret);

  // Full replace: omitting PreventUserExistenceErrors resets it to LEGACY.
  await s.client.send(
    new UpdateUserPoolClientCommand({
      UserPoolId,
      ClientId,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
    }),
  );
  const u = (await s.client.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }))).UserPoolClient;
  assert.equal(u?.PreventUserExistenceErrors, "LEGACY");
  assert.equal(u?.ClientName, "web");
  assert.deepEqual(u?.ExplicitAuthFlows, ["ALLOW_USER_PASSWORD_AUTH"]);

  const l = await s.client.send(new ListUserPoolClientsCommand({ UserPoolId, MaxResults: 10 }));
  assert.deepEqual(
    l.UserPoolClients?.map((c) => c.ClientId),
    [ClientId],
  );
  await s.client.send(new DeleteUserPoolClientCommand({ UserPoolId, ClientId }));
  await assert.rejects(s.client.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId })), {
    name: "ResourceNotFoundException",
    message: `User pool client ${ClientId} does not exist.`,
  });
});

test("unknown pools answer ResourceNotFoundException in Cognito's words", async () => {
  await assert.rejects(s.client.send(new DescribeUserPoolCommand({ UserPoolId: "us-east-1_nothere00" })), {
    name: "ResourceNotFoundException",
    message: "User pool us-east-1_nothere00 does not exist.",
  });
  const { UserPool } = await s.client.send(new CreateUserPoolCommand({ PoolName: "gone" }));
  await s.client.send(new DeleteUserPoolCommand({ UserPoolId: UserPool?.Id }));
  await assert.rejects(s.client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool?.Id })), {
    name: "ResourceNotFoundException",
  });
});

test("validation errors name the member in AWS's format", async () => {
  await assert.rejects(
    s.client.send(
      new CreateUserPoolCommand({ PoolName: "x", Policies: { PasswordPolicy: { MinimumLength: 5 } } }),
    ),
    {
      name: "InvalidParameterException",
      message:
        "1 validation error detected: Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
    },
  );
});
