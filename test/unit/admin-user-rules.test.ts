import assert from "node:assert/strict";
import { test } from "node:test";
import { CognitoError } from "../../src/domain/errors/index.ts";
import { newPoolConfig, type PoolConfig } from "../../src/domain/pools/pool.ts";
import { updatedAttributes, withoutAttributes } from "../../src/domain/users/attribute-changes.ts";
import { newUserIdentity } from "../../src/domain/users/new-user-identity.ts";

const pool = (create: Parameters<typeof newPoolConfig>[0] = {}): PoolConfig => newPoolConfig(create, {});
const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CognitoError);
    return e.message;
  }
  assert.fail("expected a CognitoError");
};

test("newUserIdentity: plain pools keep the username", () => {
  assert.deepEqual(newUserIdentity(pool(), "alice", { name: "A" }), {
    username: "alice",
    attributes: { name: "A" },
  });
  assert.equal(newUserIdentity(pool(), "a@b.c", {}).username, "a@b.c");
});

test("newUserIdentity: username-attribute pools generate the username and copy the sign-in name", () => {
  const email = pool({ UsernameAttributes: ["email"] });
  assert.deepEqual(newUserIdentity(email, "a@b.c", { email: "other@b.c" }), {
    username: undefined,
    attributes: { email: "a@b.c" },
  });
  assert.equal(
    message(() => newUserIdentity(email, "alice", {})),
    "Username should be an email.",
  );
  const phone = pool({ UsernameAttributes: ["phone_number"] });
  assert.deepEqual(newUserIdentity(phone, "+15555550100", {}).attributes, { phone_number: "+15555550100" });
  assert.equal(
    message(() => newUserIdentity(phone, "a@b.c", {})),
    "Username should be a phone number.",
  );
  const both = pool({ UsernameAttributes: ["email", "phone_number"] });
  assert.equal(
    message(() => newUserIdentity(both, "alice", {})),
    "Username should be either an email or a phone number.",
  );
});

test("newUserIdentity: alias pools refuse usernames shaped like their aliases", () => {
  assert.equal(
    message(() => newUserIdentity(pool({ AliasAttributes: ["email"] }), "a@b.c", {})),
    "Username cannot be of email format, since user pool is configured for email alias.",
  );
  const phone = pool({ AliasAttributes: ["phone_number"] });
  assert.match(
    message(() => newUserIdentity(phone, "+15555550100", {})),
    /phone number format/,
  );
  assert.equal(newUserIdentity(phone, "a@b.c", {}).username, "a@b.c");
});

test("updatedAttributes: a changed email/phone becomes unverified unless the request sets the flag", () => {
  const c = pool();
  const current = {
    email: "a@b.c",
    email_verified: "true",
    phone_number: "+15555550100",
    phone_number_verified: "true",
  };
  assert.equal(updatedAttributes(c, current, [{ Name: "email", Value: "n@b.c" }]).email_verified, "false");
  assert.equal(updatedAttributes(c, current, [{ Name: "email", Value: "a@b.c" }]).email_verified, "true");
  assert.equal(
    updatedAttributes(c, current, [
      { Name: "email", Value: "n@b.c" },
      { Name: "email_verified", Value: "true" },
    ]).email_verified,
    "true",
  );
  const phone = updatedAttributes(c, current, [{ Name: "phone_number", Value: "+15555550199" }]);
  assert.equal(phone.phone_number_verified, "false");
  assert.equal(phone.email_verified, "true");
});

test("updatedAttributes / withoutAttributes: schema, immutability and required attributes", () => {
  const c = pool({
    Schema: [
      { Name: "email", Required: true, Mutable: true },
      { Name: "fixed", AttributeDataType: "String", Mutable: false },
    ],
  });
  assert.equal(
    message(() => updatedAttributes(c, { email: "a@b.c" }, [{ Name: "custom:fixed", Value: "x" }])),
    "Cannot modify an immutable attribute: custom:fixed",
  );
  assert.equal(
    message(() => updatedAttributes(c, { email: "a@b.c" }, [{ Name: "email", Value: "" }])),
    "Attributes did not conform to the schema: email: The attribute is required",
  );
  assert.equal(
    message(() => withoutAttributes(c, { email: "a@b.c" }, ["email"])),
    "Attributes did not conform to the schema: email: The attribute is required",
  );
  assert.equal(
    message(() => withoutAttributes(c, { email: "a@b.c" }, ["nope"])),
    "Attributes did not conform to the schema: nope: Attribute does not exist in the schema.",
  );
  assert.equal(
    message(() => withoutAttributes(c, {}, ["sub"])),
    "Cannot modify an immutable attribute: sub",
  );
  assert.deepEqual(
    withoutAttributes(pool(), { phone_number: "+15555550100", phone_number_verified: "true", name: "n" }, [
      "phone_number",
      "locale",
    ]),
    { name: "n" },
  );
});
