import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminDeleteUserAttributesCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { attr, createPool, createUser, expectCognitoError, rejectionOf } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

const NOT_FOUND = ["UserNotFoundException", "User does not exist."] as const;
const attributesOf = async (UserPoolId: string, Username: string) =>
  (await s.client.send(new AdminGetUserCommand({ UserPoolId, Username }))).UserAttributes;
const update = (UserPoolId: string, Username: string, UserAttributes: AttributeType[]) =>
  s.client.send(new AdminUpdateUserAttributesCommand({ UserPoolId, Username, UserAttributes }));
const remove = (UserPoolId: string, Username: string, UserAttributeNames: string[]) =>
  s.client.send(new AdminDeleteUserAttributesCommand({ UserPoolId, Username, UserAttributeNames }));

test("AdminUpdateUserAttributes sets values; a changed email becomes unverified unless the request says otherwise", async () => {
  const pool = await createPool(s, { Schema: [{ Name: "tenant", AttributeDataType: "String" }] });
  await createUser(s, pool, "u1", {
    UserAttributes: [
      { Name: "email", Value: "old@example.com" },
      { Name: "email_verified", Value: "true" },
    ],
  });
  await update(pool, "u1", [
    { Name: "given_name", Value: "Una" },
    { Name: "custom:tenant", Value: "acme" },
  ]);
  let a = await attributesOf(pool, "u1");
  assert.equal(attr(a, "given_name"), "Una");
  assert.equal(attr(a, "custom:tenant"), "acme");
  assert.equal(attr(a, "email_verified"), "true", "an untouched email stays verified");

  await update(pool, "u1", [{ Name: "email", Value: "new@example.com" }]);
  a = await attributesOf(pool, "u1");
  assert.equal(attr(a, "email"), "new@example.com");
  assert.equal(attr(a, "email_verified"), "false");

  await update(pool, "u1", [
    { Name: "email", Value: "newer@example.com" },
    { Name: "email_verified", Value: "true" },
  ]);
  assert.equal(attr(await attributesOf(pool, "u1"), "email_verified"), "true");

  await update(pool, "u1", [{ Name: "phone_number", Value: "+15555550111" }]);
  assert.equal(attr(await attributesOf(pool, "u1"), "phone_number_verified"), "false");
});

test("AdminUpdateUserAttributes refuses schema violations, immutable attributes and unknown users", async () => {
  const pool = await createPool(s, {
    Schema: [{ Name: "fixed", AttributeDataType: "String", Mutable: false }],
  });
  await createUser(s, pool, "u2", { UserAttributes: [{ Name: "custom:fixed", Value: "v" }] });
  await expectCognitoError(
    update(pool, "u2", [{ Name: "custom:other", Value: "x" }]),
    "InvalidParameterException",
    "Attributes did not conform to the schema: custom:other: Attribute does not exist in the schema.",
  );
  await expectCognitoError(
    update(pool, "u2", [{ Name: "sub", Value: "x" }]),
    "InvalidParameterException",
    "Cannot modify an immutable attribute: sub",
  );
  await expectCognitoError(
    update(pool, "u2", [{ Name: "custom:fixed", Value: "w" }]),
    "InvalidParameterException",
    "Cannot modify an immutable attribute: custom:fixed",
  );
  assert.equal(
    (await rejectionOf(update(pool, "u2", [{ Name: "email_verified", Value: "yes" }]))).message,
    "Attributes did not conform to the schema: email_verified: Value must be true or false",
  );
  assert.equal(
    (await rejectionOf(update(pool, "u2", [{ Name: "phone_number", Value: "555" }]))).message,
    "Invalid phone number format.",
  );
  await expectCognitoError(update(pool, "ghost", [{ Name: "name", Value: "x" }]), ...NOT_FOUND);
  assert.equal(attr(await attributesOf(pool, "u2"), "custom:fixed"), "v");
});

test("alias pool: verifying an email held by another user is AliasExistsException; the alias follows changes", async () => {
  const pool = await createPool(s, { AliasAttributes: ["email"] });
  const verified = (email: string) => [
    { Name: "email", Value: email },
    { Name: "email_verified", Value: "true" },
  ];
  await createUser(s, pool, "holder", { UserAttributes: verified("taken@example.com") });
  await createUser(s, pool, "other");
  await expectCognitoError(
    update(pool, "other", verified("taken@example.com")),
    "AliasExistsException",
    "An account with the given email already exists.",
  );
  assert.equal(attr(await attributesOf(pool, "other"), "email"), undefined, "nothing was written");

  // Changing the holder's email moves its alias: the new address resolves, the old one is free.
  await update(pool, "holder", verified("moved@example.com"));
  const get = (u: string) => s.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: u }));
  assert.equal((await get("moved@example.com")).Username, "holder");
  await expectCognitoError(get("taken@example.com"), ...NOT_FOUND);
  await update(pool, "other", verified("taken@example.com"));
  assert.equal((await get("taken@example.com")).Username, "other");
  // An unverified change drops the alias.
  await update(pool, "other", [{ Name: "email", Value: "unverified@example.com" }]);
  await expectCognitoError(get("unverified@example.com"), ...NOT_FOUND);
  await expectCognitoError(get("taken@example.com"), ...NOT_FOUND);
});

test("username-attribute pool: a new email is the new sign-in name; a taken one is refused", async () => {
  const pool = await createPool(s, { UsernameAttributes: ["email"] });
  const a = await createUser(s, pool, "a@example.com");
  await createUser(s, pool, "b@example.com");
  await update(pool, "a@example.com", [{ Name: "email", Value: "a2@example.com" }]);
  const got = await s.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "a2@example.com" }));
  assert.equal(got.Username, a.Username);
  await expectCognitoError(
    update(pool, "a2@example.com", [{ Name: "email", Value: "b@example.com" }]),
    "AliasExistsException",
  );
});

test("AdminDeleteUserAttributes removes attributes (and the flag of a removed email); refuses what it must", async () => {
  const pool = await createPool(s, {
    AliasAttributes: ["email"],
    Schema: [{ Name: "email", Required: true, Mutable: true }],
  });
  await createUser(s, pool, "d1", {
    UserAttributes: [
      { Name: "email", Value: "d1@example.com" },
      { Name: "email_verified", Value: "true" },
      { Name: "given_name", Value: "Dee" },
      { Name: "phone_number", Value: "+15555550112" },
      { Name: "phone_number_verified", Value: "true" },
    ],
  });
  await remove(pool, "d1", ["given_name", "phone_number"]);
  const a = await attributesOf(pool, "d1");
  assert.equal(attr(a, "given_name"), undefined);
  assert.equal(attr(a, "phone_number"), undefined);
  assert.equal(attr(a, "phone_number_verified"), undefined);
  await expectCognitoError(
    remove(pool, "d1", ["email"]),
    "InvalidParameterException",
    "Attributes did not conform to the schema: email: The attribute is required",
  );
  await expectCognitoError(
    remove(pool, "d1", ["custom:none"]),
    "InvalidParameterException",
    "Attributes did not conform to the schema: custom:none: Attribute does not exist in the schema.",
  );
  assert.equal(
    (await rejectionOf(remove(pool, "d1", ["sub"]))).message,
    "Cannot modify an immutable attribute: sub",
  );
  await expectCognitoError(remove(pool, "ghost", ["given_name"]), ...NOT_FOUND);
  assert.equal(attr(await attributesOf(pool, "d1@example.com"), "email"), "d1@example.com");
});
