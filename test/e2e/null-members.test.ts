import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { CognitoUserAttribute, CognitoUserPool, type ISignUpResult } from "amazon-cognito-identity-js";
import { createClient, createPool } from "../helpers/fixtures.ts";
import { rawCall, startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * JSON `null` for an optional member is the member left out, at any depth, as in AWS's JSON
 * protocol (docs/wire-protocol.md#null); a required member given as `null` is missing.
 */
let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

test("amazon-cognito-identity-js's README form signUp(user, pass, attrs, null, cb) signs up", async () => {
  const poolId = await createPool(s);
  const clientId = await createClient(s, poolId);
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: s.url });
  const attrs = [new CognitoUserAttribute({ Name: "email", Value: "readme@example.com" })];
  const result = await new Promise<ISignUpResult>((resolve, reject) =>
    pool.signUp("readme", "Passw0rd!", attrs, null as unknown as CognitoUserAttribute[], (err, out) =>
      err || !out ? reject(err) : resolve(out),
    ),
  );
  assert.equal(result.user.getUsername(), "readme");
  assert.equal(result.userConfirmed, false);
});

test("null members are absent at the top, inside structures and inside list elements", async () => {
  const body = {
    PoolName: "nulls",
    Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: null }, SignInPolicy: null },
    LambdaConfig: null,
    Schema: [{ Name: "tier", AttributeDataType: "String", Mutable: null, StringAttributeConstraints: null }],
    UserPoolTags: null,
  };
  const r = await rawCall(s.url, "CreateUserPool", JSON.stringify(body));
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const id = (r.json.UserPool as { Id: string }).Id;
  const pool = (await s.client.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool;
  assert.equal(pool?.Policies?.PasswordPolicy?.MinimumLength, 10);
  assert.equal(pool?.Policies?.PasswordPolicy?.RequireSymbols, false);
  const tier = pool?.SchemaAttributes?.find((a) => a.Name === "custom:tier");
  assert.equal(tier?.Mutable, true);
});

test("a required member given as null is missing: Member must not be null", async () => {
  const r = await rawCall(s.url, "DescribeUserPool", JSON.stringify({ UserPoolId: null }));
  assert.equal(r.status, 400);
  assert.equal(r.json.__type, "InvalidParameterException");
  assert.equal(
    r.json.message,
    "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null",
  );
});

test("null as a list element or a map value is a value, and refused", async () => {
  const poolId = await createPool(s);
  const clientId = await createClient(s, poolId);
  const list = await rawCall(
    s.url,
    "SignUp",
    JSON.stringify({ ClientId: clientId, Username: "x1", Password: "Passw0rd!", UserAttributes: [null] }),
  );
  assert.equal(list.json.__type, "InvalidParameterException");
  const map = await rawCall(
    s.url,
    "SignUp",
    JSON.stringify({
      ClientId: clientId,
      Username: "x2",
      Password: "Passw0rd!",
      ClientMetadata: { a: null },
    }),
  );
  assert.equal(map.json.__type, "InvalidParameterException");
  assert.match(
    String(map.json.message),
    /clientMetadata\.a' failed to satisfy constraint: Member must not be null/,
  );
});
