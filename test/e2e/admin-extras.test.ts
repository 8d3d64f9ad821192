import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AddCustomAttributesCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  DeleteUserAttributesCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  attr,
  confirmedUser,
  createClient,
  createPool,
  expectCognitoError,
  poolWithClient,
  putUser,
} from "../helpers/fixtures.ts";
import { freshSchema, POSTGRES_URL, postgresUnavailable, type TestSchema } from "../helpers/postgres.ts";
import { rawCall, startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * AddCustomAttributes, DeleteUserAttributes, TagResource, UntagResource, ListTagsForResource with
 * the AWS SDK v3 (docs/admin-users.md#tags, #the-attribute-schema); the races on SQLite and PostgreSQL.
 */
let s: TestServer;
let pg: { server: TestServer; schema: TestSchema } | undefined;
before(async () => {
  s = await startTestServer();
  if (!(await postgresUnavailable())) {
    const schema = await freshSchema(POSTGRES_URL);
    pg = { server: await startTestServer({ databaseUrl: schema.url }), schema };
  }
});
after(async () => {
  await s.stop();
  if (pg) {
    await pg.server.stop();
    await pg.schema.drop();
  }
});

const BAD = "InvalidParameterException";
const arnOf = async (t: TestServer, UserPoolId: string) =>
  (await t.client.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool?.Arn ?? "";
const schemaNames = async (t: TestServer, UserPoolId: string) =>
  ((await t.client.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool?.SchemaAttributes ?? []).map(
    (a) => a.Name,
  );

test("AddCustomAttributes appends custom: and dev: attributes, with CreateUserPool's refusals", async () => {
  const pool = await createPool(s, { Schema: [{ Name: "tier", AttributeDataType: "String" }] });
  const add = (CustomAttributes: object[]) =>
    s.client.send(new AddCustomAttributesCommand({ UserPoolId: pool, CustomAttributes }));
  await add([
    {
      Name: "score",
      AttributeDataType: "Number",
      NumberAttributeConstraints: { MinValue: "0", MaxValue: "100" },
    },
    { Name: "badge", AttributeDataType: "String", DeveloperOnlyAttribute: true },
  ]);
  const names = await schemaNames(s, pool);
  assert.ok(names.includes("custom:score") && names.includes("dev:badge") && names.includes("custom:tier"));
  await expectCognitoError(
    add([{ Name: "tier", AttributeDataType: "String" }]),
    BAD,
    "custom:tier: Existing attribute already has name custom:tier.",
  );
  await expectCognitoError(
    add([{ Name: "badge", AttributeDataType: "String" }]),
    BAD,
    "custom:badge: Existing attribute already has name dev:badge.",
  );
  await expectCognitoError(
    add([{ Name: "needed", AttributeDataType: "String", Required: true }]),
    BAD,
    "Required custom attributes are not supported currently.",
  );
  await expectCognitoError(
    add([{ Name: "untyped" }]),
    BAD,
    "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.",
  );
  await expectCognitoError(
    add([{ Name: "n1", AttributeDataType: "Number", NumberAttributeConstraints: { MaxValue: "lots" } }]),
    BAD,
    "Invalid NumberAttributeConstraints for schema attribute custom:n1",
  );
  assert.equal((await schemaNames(s, pool)).includes("custom:n1"), false, "a refused call adds nothing");
  await expectCognitoError(
    s.client.send(
      new AddCustomAttributesCommand({
        UserPoolId: "us-east-1_Nope00000",
        CustomAttributes: [{ Name: "x", AttributeDataType: "String" }],
      }),
    ),
    "ResourceNotFoundException",
    "User pool us-east-1_Nope00000 does not exist.",
  );
});

async function signedIn(t: TestServer, settings: { WriteAttributes?: string[] } = {}) {
  const { poolId } = await poolWithClient(t, {
    pool: {
      Schema: [
        { Name: "tier", AttributeDataType: "String" },
        { Name: "given_name", Required: true },
      ],
    },
  });
  const clientId = await createClient(t, poolId, "LEGACY", {
    ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    ...settings,
  });
  await confirmedUser(t, poolId, "dana", "Passw0rd!", {
    given_name: "Dana",
    nickname: "dd",
    "custom:tier": "gold",
  });
  const out = await t.client.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "dana", PASSWORD: "Passw0rd!" },
    }),
  );
  return { poolId, AccessToken: out.AuthenticationResult?.AccessToken ?? "" };
}

test("DeleteUserAttributes removes the signed-in user's attributes, with AdminDeleteUserAttributes' rules", async () => {
  const { poolId, AccessToken } = await signedIn(s);
  const del = (UserAttributeNames: string[]) =>
    s.client.send(new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames }));
  await del(["nickname", "custom:tier"]);
  const a = (await s.client.send(new GetUserCommand({ AccessToken }))).UserAttributes;
  assert.equal(attr(a, "nickname"), undefined);
  assert.equal(attr(a, "custom:tier"), undefined);
  assert.equal(attr(a, "given_name"), "Dana");
  await expectCognitoError(
    del(["custom:nope", "nickname"]),
    BAD,
    "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.",
  );
  await expectCognitoError(
    del(["given_name"]),
    BAD,
    "Attributes did not conform to the schema: given_name: The attribute is required",
  );
  await expectCognitoError(del(["sub"]), BAD, "Cannot modify an immutable attribute: sub");
  await expectCognitoError(
    s.client.send(new DeleteUserAttributesCommand({ AccessToken: "not.a.token", UserAttributeNames: ["x"] })),
    "NotAuthorizedException",
    "Invalid Access Token",
  );
  const still = await s.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "dana" }));
  assert.equal(attr(still.UserAttributes, "given_name"), "Dana");
});

test("DeleteUserAttributes needs the client's WriteAttributes", async () => {
  const { AccessToken } = await signedIn(s, { WriteAttributes: ["nickname"] });
  await expectCognitoError(
    s.client.send(new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: ["custom:tier"] })),
    "NotAuthorizedException",
    "A client attempted to write unauthorized attribute",
  );
  await s.client.send(new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: ["nickname"] }));
});

test("TagResource, ListTagsForResource, UntagResource on a user-pool ARN", async () => {
  const pool = await createPool(s, { UserPoolTags: { team: "auth" } });
  const ResourceArn = await arnOf(s, pool);
  const list = async () => (await s.client.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags;
  assert.deepEqual(await list(), { team: "auth" });
  await s.client.send(
    new TagResourceCommand({ ResourceArn, Tags: { team: "identity", tenant: "ExampleCorp" } }),
  );
  assert.deepEqual(await list(), { team: "identity", tenant: "ExampleCorp" });
  const described = await s.client.send(new DescribeUserPoolCommand({ UserPoolId: pool }));
  assert.deepEqual(described.UserPool?.UserPoolTags, { team: "identity", tenant: "ExampleCorp" });
  await s.client.send(new UntagResourceCommand({ ResourceArn, TagKeys: ["team", "absent"] }));
  assert.deepEqual(await list(), { tenant: "ExampleCorp" });
  await s.client.send(new UntagResourceCommand({ ResourceArn, TagKeys: ["tenant"] }));
  assert.deepEqual(await list(), {});
  // Another account's ARN for the same pool id names the same pool (IaC tools write their own).
  await s.client.send(
    new TagResourceCommand({
      ResourceArn: ResourceArn.replace(":000000000000:", ":123456789012:"),
      Tags: { a: "1" },
    }),
  );
  assert.deepEqual(await list(), { a: "1" });
});

test("tag operations refuse ARNs that are not user pools', unknown pools and too many tags", async () => {
  const refused =
    "ResourceArn must be a user pool ARN: arn:aws:cognito-idp:<region>:<account>:userpool/<user pool id>.";
  for (const ResourceArn of [
    "arn:aws:s3:us-east-1:000000000000:bucket/b",
    "arn:aws:cognito-idp:us-east-1:000000000000:userpool/eu-west-1_Abc",
    "arn:aws:cognito-idp:us-east-1:000000000000:identitypool/us-east-1_Abc",
  ]) {
    await expectCognitoError(s.client.send(new ListTagsForResourceCommand({ ResourceArn })), BAD, refused);
  }
  await expectCognitoError(
    s.client.send(
      new TagResourceCommand({
        ResourceArn: "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Gone00000",
        Tags: { a: "b" },
      }),
    ),
    "ResourceNotFoundException",
    "User pool us-east-1_Gone00000 does not exist.",
  );
  const pool = await createPool(s);
  const ResourceArn = await arnOf(s, pool);
  const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
  await expectCognitoError(
    s.client.send(new TagResourceCommand({ ResourceArn, Tags: many })),
    BAD,
    "A user pool can have at most 50 tags.",
  );
  await expectCognitoError(
    s.client.send(new TagResourceCommand({ ResourceArn, Tags: { "hushpool:existence-profile": "Strict" } })),
    BAD,
    "The value of the user pool tag hushpool:existence-profile must be cognito or strict.",
  );
});

test("TagResource and UntagResource switch the existence profile", async () => {
  const poolId = await createPool(s, { UsernameAttributes: ["email"] });
  const clientId = await createClient(s, poolId, "ENABLED");
  await putUser(s, poolId, { username: "holder", attributes: { email: "holder@example.com" } });
  const ResourceArn = await arnOf(s, poolId);
  const signUp = (email: string) =>
    rawCall(
      s.url,
      "SignUp",
      JSON.stringify({
        ClientId: clientId,
        Username: email,
        Password: "Passw0rd!",
        UserAttributes: [{ Name: "email", Value: email }],
      }),
    );
  // cognito profile: a taken name is UsernameExistsException, as Cognito documents.
  assert.equal((await signUp("holder@example.com")).json.__type, "UsernameExistsException");
  await s.client.send(
    new TagResourceCommand({ ResourceArn, Tags: { "hushpool:existence-profile": "strict" } }),
  );
  // strict profile: the taken name looks like a fresh one.
  const strict = await signUp("holder@example.com");
  assert.equal(strict.status, 200, JSON.stringify(strict.json));
  await s.client.send(new UntagResourceCommand({ ResourceArn, TagKeys: ["hushpool:existence-profile"] }));
  assert.equal((await signUp("holder@example.com")).json.__type, "UsernameExistsException");
});

for (const store of ["SQLite", "PostgreSQL"] as const) {
  test(`concurrent TagResource and AddCustomAttributes calls all land (${store})`, async (t) => {
    const server = store === "SQLite" ? s : pg?.server;
    if (!server) return t.skip("PostgreSQL is not available");
    const pool = await createPool(server);
    const ResourceArn = await arnOf(server, pool);
    await Promise.all([
      ...Array.from({ length: 8 }, (_, i) =>
        server.client.send(new TagResourceCommand({ ResourceArn, Tags: { [`k${i}`]: `v${i}` } })),
      ),
      ...Array.from({ length: 8 }, (_, i) =>
        server.client.send(
          new AddCustomAttributesCommand({
            UserPoolId: pool,
            CustomAttributes: [{ Name: `attr${i}`, AttributeDataType: "String" }],
          }),
        ),
      ),
    ]);
    const tags = (await server.client.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags ?? {};
    assert.equal(Object.keys(tags).length, 8);
    const names = await schemaNames(server, pool);
    for (let i = 0; i < 8; i++) assert.ok(names.includes(`custom:attr${i}`), `custom:attr${i}`);
  });
}
