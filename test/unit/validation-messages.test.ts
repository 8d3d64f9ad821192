import assert from "node:assert/strict";
import { test } from "node:test";
import { CognitoError } from "../../src/domain/errors/index.ts";
import { operations } from "../../src/operations/registry.ts";
import { validate } from "../../src/protocol/validation.ts";

/** docs/errors.md#validation-errors: member paths as AWS spells them; secrets never echoed. */
function messageOf(operation: string, body: unknown): string {
  const op = operations.get(operation);
  assert.ok(op, operation);
  try {
    validate(op.input, body);
  } catch (e) {
    assert.ok(e instanceof CognitoError);
    assert.equal(e.type, "InvalidParameterException");
    return e.message;
  }
  return "valid";
}

const auth = (params: Record<string, unknown>) => ({
  ClientId: "client1",
  AuthFlow: "USER_PASSWORD_AUTH",
  AuthParameters: params,
});

test("map keys keep their case: authParameters.PASSWORD, not pASSWORD", () => {
  assert.equal(
    messageOf("InitiateAuth", auth({ USERNAME: "jane", PASSWORD: 12345 })),
    "1 validation error detected: Value at 'authParameters.PASSWORD' failed to satisfy constraint: Member must be of type string",
  );
});

test("no secret's value appears in a message, whatever its type", () => {
  const secrets: [string, Record<string, unknown>][] = [
    ["InitiateAuth", auth({ USERNAME: "jane", PASSWORD: 987654321 })],
    ["InitiateAuth", auth({ REFRESH_TOKEN: 987654321 })],
    ["SignUp", { ClientId: "client1", Username: "jane", Password: 987654321 }],
    ["SignUp", { ClientId: "client1", Username: "jane", Password: "x", SecretHash: 987654321 }],
    ["ConfirmSignUp", { ClientId: "client1", Username: "jane", ConfirmationCode: 987654321 }],
    [
      "ConfirmForgotPassword",
      { ClientId: "client1", Username: "jane", ConfirmationCode: "1", Password: 987654321 },
    ],
    ["ChangePassword", { AccessToken: "t", PreviousPassword: 987654321, ProposedPassword: "x" }],
    ["ChangePassword", { AccessToken: 987654321, PreviousPassword: "x", ProposedPassword: "x" }],
    ["AdminCreateUser", { UserPoolId: "us-east-1_abc", Username: "jane", TemporaryPassword: 987654321 }],
    ["VerifyUserAttribute", { AccessToken: "t", AttributeName: "email", Code: 987654321 }],
    [
      "RespondToAuthChallenge",
      { ClientId: "client1", ChallengeName: "NEW_PASSWORD_REQUIRED", Session: 987654321 },
    ],
    [
      "RespondToAuthChallenge",
      {
        ClientId: "client1",
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        ChallengeResponses: { NEW_PASSWORD: 987654321 },
      },
    ],
    ["RevokeToken", { Token: 987654321, ClientId: "client1" }],
    ["GetTokensFromRefreshToken", { RefreshToken: "r", ClientId: "client1", ClientSecret: 987654321 }],
    ["AdminGetUser", { UserPoolId: "us-east-1_abc", Username: 987654321 }],
  ];
  for (const [op, body] of secrets) {
    const m = messageOf(op, body);
    assert.match(m, /^1 validation error detected: Value at '/, `${op}: ${m}`);
    assert.ok(!m.includes("987654321"), `${op}: ${m}`);
  }
});

test("list elements are <list>.<n>.member, nested members lowerCamelCase; other values are shown", () => {
  assert.equal(
    messageOf("AdminCreateUser", {
      UserPoolId: "us-east-1_abc",
      Username: "jane",
      UserAttributes: [{ Name: "email" }, { Name: 7, Value: "x" }],
    }),
    "1 validation error detected: Value '7' at 'userAttributes.2.member.name' failed to satisfy constraint: Member must be of type string",
  );
  assert.equal(
    messageOf("ListUsers", { UserPoolId: "us-east-1_abc", AttributesToGet: ["email", 3] }),
    "1 validation error detected: Value '3' at 'attributesToGet.2.member' failed to satisfy constraint: Member must be of type string",
  );
  assert.equal(
    messageOf("CreateUserPool", { PoolName: "p", Policies: { PasswordPolicy: { MinimumLength: 5 } } }),
    "1 validation error detected: Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
  );
});

test("U+0000 is refused in values and map keys, and never echoed", () => {
  assert.equal(
    messageOf("InitiateAuth", auth({ USERNAME: "a\u0000b", PASSWORD: "x" })),
    "1 validation error detected: Value at 'authParameters.USERNAME' failed to satisfy constraint: Member must not contain the NUL character (U+0000)",
  );
  assert.equal(
    messageOf("ForgotPassword", {
      ClientId: "client1",
      Username: "jane",
      ClientMetadata: { "k\u0000": "v" },
    }),
    "1 validation error detected: Value at 'clientMetadata' failed to satisfy constraint: Map keys must not contain the NUL character (U+0000)",
  );
  assert.equal(
    messageOf("ListUsers", { UserPoolId: "us-east-1_abc", Filter: 'name = "\u0000"' }),
    "1 validation error detected: Value at 'filter' failed to satisfy constraint: Member must not contain the NUL character (U+0000)",
  );
  assert.equal(messageOf("ListUsers", { UserPoolId: "us-east-1_abc", Unknown: "\u0000" }), "valid");
});
