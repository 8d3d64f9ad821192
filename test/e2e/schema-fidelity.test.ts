import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  DescribeUserPoolCommand,
  SignUpCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { attr, createClient, createPool, createUser, expectCognitoError } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** Pool schemas, attribute values and client grants with Cognito's words (docs/admin-users.md#the-attribute-schema). */
let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

const BAD = "InvalidParameterException";
const create = (settings: Partial<CreateUserPoolCommandInput>) =>
  s.client.send(new CreateUserPoolCommand({ PoolName: "schema", ...settings }));
const schemaOf = async (UserPoolId: string) =>
  (await s.client.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool?.SchemaAttributes ?? [];

test("email_verified and phone_number_verified accept True/False in any case, kept in lower case", async () => {
  const pool = await createPool(s);
  await createUser(s, pool, "tv", {
    UserAttributes: [
      { Name: "email", Value: "tv@example.com" },
      { Name: "email_verified", Value: "True" },
      { Name: "phone_number", Value: "+15555550100" },
      { Name: "phone_number_verified", Value: "FALSE" },
    ],
  });
  let a = (await s.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "tv" }))).UserAttributes;
  assert.equal(attr(a, "email_verified"), "true");
  assert.equal(attr(a, "phone_number_verified"), "false");
  await s.client.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: pool,
      Username: "tv",
      UserAttributes: [{ Name: "phone_number_verified", Value: "tRuE" }],
    }),
  );
  a = (await s.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "tv" }))).UserAttributes;
  assert.equal(attr(a, "phone_number_verified"), "true");
});

test("every bad attribute is listed, one per line", async () => {
  const pool = await createPool(s, {
    Schema: [
      { Name: "given_name", Required: true },
      { Name: "family_name", Required: true },
    ],
  });
  const clientId = await createClient(s, pool);
  await expectCognitoError(
    s.client.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: "many",
        Password: "Passw0rd!",
        UserAttributes: [
          { Name: "custom:nope", Value: "x" },
          { Name: "email_verified", Value: "yes" },
          { Name: "updated_at", Value: "soon" },
        ],
      }),
    ),
    BAD,
    "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.\nemail_verified: Value must be true or false\nupdated_at: Number expected",
  );
  await expectCognitoError(
    s.client.send(new SignUpCommand({ ClientId: clientId, Username: "many", Password: "Passw0rd!" })),
    BAD,
    "Attributes did not conform to the schema: given_name: The attribute is required\nfamily_name: The attribute is required",
  );
});

test("a custom attribute without AttributeDataType is refused", async () => {
  await expectCognitoError(
    create({ Schema: [{ Name: "tier" }] }),
    BAD,
    "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.",
  );
});

test("a standard attribute cannot change type or become developer-only", async () => {
  const message =
    "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email";
  await expectCognitoError(
    create({ Schema: [{ Name: "email", AttributeDataType: "Number" }] }),
    BAD,
    message,
  );
  await expectCognitoError(
    create({ Schema: [{ Name: "email", DeveloperOnlyAttribute: true }] }),
    BAD,
    message,
  );
  // Its own type, mutability and constraints may be given.
  const ok = await create({
    Schema: [
      {
        Name: "email",
        AttributeDataType: "String",
        Required: true,
        StringAttributeConstraints: { MinLength: "5", MaxLength: "100" },
      },
    ],
  });
  const email = ok.UserPool?.SchemaAttributes?.find((a) => a.Name === "email");
  assert.equal(email?.Required, true);
  assert.deepEqual(email?.StringAttributeConstraints, { MinLength: "5", MaxLength: "100" });
});

test("constraints must be whole numbers in range", async () => {
  const cases: [CreateUserPoolCommandInput["Schema"], string][] = [
    [
      [
        {
          Name: "email",
          AttributeDataType: "String",
          StringAttributeConstraints: { MinLength: "invalid_value" },
        },
      ],
      "Invalid StringAttributeConstraints for schema attribute email",
    ],
    [
      [{ Name: "updated_at", AttributeDataType: "Number", NumberAttributeConstraints: { MaxValue: "ten" } }],
      "Invalid NumberAttributeConstraints for schema attribute updated_at",
    ],
    [
      [{ Name: "score", AttributeDataType: "Number", NumberAttributeConstraints: { MinValue: "1.5" } }],
      "Invalid NumberAttributeConstraints for schema attribute custom:score",
    ],
    [
      [{ Name: "email", AttributeDataType: "String", StringAttributeConstraints: { MaxLength: "2049" } }],
      "user.email: String attributes cannot have a length of more than 2048",
    ],
    [
      [
        {
          Name: "email",
          AttributeDataType: "String",
          StringAttributeConstraints: { MinLength: "2", MaxLength: "1" },
        },
      ],
      "user.email: Max length cannot be less than min length.",
    ],
    [
      [
        {
          Name: "updated_at",
          AttributeDataType: "Number",
          NumberAttributeConstraints: { MinValue: "2", MaxValue: "1" },
        },
      ],
      "user.updated_at: Max value cannot be less than min value.",
    ],
  ];
  for (const [Schema, message] of cases) await expectCognitoError(create({ Schema }), BAD, message);
});

test("several schema refusals are listed one per line", async () => {
  await expectCognitoError(
    create({
      Schema: [
        { Name: "tier" },
        { Name: "email", AttributeDataType: "Boolean" },
        { Name: "score", AttributeDataType: "Number", NumberAttributeConstraints: { MinValue: "x" } },
      ],
    }),
    BAD,
    [
      "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.",
      "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email",
      "Invalid NumberAttributeConstraints for schema attribute custom:score",
    ].join("\n"),
  );
});

test("a developer-only attribute is dev:<name>: admins write it, clients never", async () => {
  const pool = await createPool(s, {
    Schema: [{ Name: "secret", AttributeDataType: "String", DeveloperOnlyAttribute: true }],
  });
  const dev = (await schemaOf(pool)).find((a) => a.Name === "dev:secret");
  assert.equal(dev?.DeveloperOnlyAttribute, true);
  assert.equal(
    (await schemaOf(pool)).some((a) => a.Name === "custom:secret"),
    false,
  );
  await createUser(s, pool, "devuser", { UserAttributes: [{ Name: "dev:secret", Value: "s3" }] });
  const a = (await s.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "devuser" })))
    .UserAttributes;
  assert.equal(attr(a, "dev:secret"), "s3");
  const clientId = await createClient(s, pool);
  await expectCognitoError(
    s.client.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: "selfdev",
        Password: "Passw0rd!",
        UserAttributes: [{ Name: "dev:secret", Value: "x" }],
      }),
    ),
    "NotAuthorizedException",
    "A client attempted to write unauthorized attribute",
  );
  await expectCognitoError(
    create({
      Schema: [
        { Name: "secret", AttributeDataType: "String", DeveloperOnlyAttribute: true },
        { Name: "secret", AttributeDataType: "String" },
      ],
    }),
    BAD,
    "custom:secret: Existing attribute already has name dev:secret.",
  );
});

test("client ReadAttributes and WriteAttributes must name the pool's attributes", async () => {
  const pool = await createPool(s, {
    Schema: [
      { Name: "tier", AttributeDataType: "String" },
      { Name: "secret", AttributeDataType: "String", DeveloperOnlyAttribute: true },
    ],
  });
  const make = (settings: { ReadAttributes?: string[]; WriteAttributes?: string[] }) =>
    s.client.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: "grants", ...settings }));
  await expectCognitoError(
    make({ ReadAttributes: ["email", "custom:nope"] }),
    BAD,
    "Invalid read attributes specified while creating a client",
  );
  await expectCognitoError(
    make({ WriteAttributes: ["nickname", "custom:nope"] }),
    BAD,
    "Invalid write attributes specified while creating a client",
  );
  await expectCognitoError(
    make({ WriteAttributes: ["dev:secret"] }),
    BAD,
    "Invalid write attributes specified while creating a client",
  );
  const made = await make({
    ReadAttributes: ["email", "custom:tier", "dev:secret"],
    WriteAttributes: ["custom:tier"],
  });
  const ClientId = made.UserPoolClient?.ClientId ?? "";
  const update = (settings: { ReadAttributes?: string[]; WriteAttributes?: string[] }) =>
    s.client.send(new UpdateUserPoolClientCommand({ UserPoolId: pool, ClientId, ...settings }));
  await expectCognitoError(
    update({ ReadAttributes: ["bogus"] }),
    BAD,
    "Invalid read attributes specified while updating a client",
  );
  await expectCognitoError(
    update({ WriteAttributes: ["sub"] }),
    BAD,
    "Invalid write attributes specified while updating a client",
  );
  await update({ WriteAttributes: ["email", "custom:tier"] });
});

test("VerificationMessageTemplate with both EmailMessage and EmailMessageByLink is refused", async () => {
  const VerificationMessageTemplate = {
    EmailMessage: "Your code is {####}",
    EmailMessageByLink: "Choose {##Verify Email##}",
  };
  await expectCognitoError(create({ VerificationMessageTemplate }), BAD, "The message is invalid.");
  const pool = await createPool(s);
  await expectCognitoError(
    s.client.send(new UpdateUserPoolCommand({ UserPoolId: pool, VerificationMessageTemplate })),
    BAD,
    "The message is invalid.",
  );
  await create({
    VerificationMessageTemplate: {
      EmailMessageByLink: "Choose {##Verify Email##}",
      DefaultEmailOption: "CONFIRM_WITH_LINK",
    },
  });
});
