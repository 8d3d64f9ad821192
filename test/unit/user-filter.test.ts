import assert from "node:assert/strict";
import { test } from "node:test";
import { CognitoError } from "../../src/domain/errors/index.ts";
import { parseUserFilter } from "../../src/domain/users/user-filter.ts";

const fails = (text: string, message: string) =>
  assert.throws(
    () => parseUserFilter(text),
    (e: unknown) =>
      e instanceof CognitoError && e.type === "InvalidParameterException" && e.message === message,
    text,
  );

test("empty and blank filters mean all users", () => {
  assert.equal(parseUserFilter(undefined), undefined);
  assert.equal(parseUserFilter(""), undefined);
  assert.equal(parseUserFilter("   "), undefined);
});

test("= and ^= with or without spaces", () => {
  assert.deepEqual(parseUserFilter('email = "a@b.c"'), { attribute: "email", op: "=", value: "a@b.c" });
  assert.deepEqual(parseUserFilter('email="a@b.c"'), { attribute: "email", op: "=", value: "a@b.c" });
  assert.deepEqual(parseUserFilter('  given_name ^=  "Jo" '), {
    attribute: "given_name",
    op: "^=",
    value: "Jo",
  });
  assert.deepEqual(parseUserFilter('cognito:user_status = "CONFIRMED"'), {
    attribute: "cognito:user_status",
    op: "=",
    value: "CONFIRMED",
  });
  assert.deepEqual(parseUserFilter('family_name = ""'), { attribute: "family_name", op: "=", value: "" });
});

test("backslash escapes inside the value", () => {
  assert.equal(parseUserFilter('name = "say \\"hi\\""')?.value, 'say "hi"');
  assert.equal(parseUserFilter('name = "back\\\\slash"')?.value, "back\\slash");
  assert.equal(parseUserFilter('name = "\\x"')?.value, "x");
  assert.equal(parseUserFilter('name = "a=b ^= c"')?.value, "a=b ^= c");
});

test("every searchable attribute is accepted; others are not", () => {
  for (const a of [
    "username",
    "email",
    "phone_number",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "cognito:user_status",
    "status",
    "sub",
  ]) {
    assert.equal(parseUserFilter(`${a} = "x"`)?.attribute, a);
  }
  fails('custom:tenant = "x"', "Invalid search attribute: custom:tenant");
  fails('Email = "x"', "Invalid search attribute: Email");
  fails('locale ^= "en"', "Invalid search attribute: locale");
});

test("malformed filters", () => {
  for (const f of [
    "username = foo",
    "username=",
    'username "x"',
    'email == "x"',
    'email = "x" and name = "y"',
    'email = "unterminated',
    'email = "a\\"',
    '= "x"',
    "email",
  ]) {
    fails(f, "Error while parsing filter");
  }
});
