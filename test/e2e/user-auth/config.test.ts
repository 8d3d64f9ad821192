import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPool, expectCognitoError } from "../../helpers/fixtures.ts";
import { rawCall, startTestServer, type TestServer } from "../../helpers/server.ts";

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

const describe = async (poolId: string) =>
  (await s.client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool;

test("a pool without SignInPolicy allows PASSWORD only", async () => {
  const poolId = await createPool(s);
  assert.deepEqual((await describe(poolId))?.Policies?.SignInPolicy, {
    AllowedFirstAuthFactors: ["PASSWORD"],
  });
});

test("AllowedFirstAuthFactors round-trips through Create, Update and Describe", async () => {
  const poolId = await createPool(s, {
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"] } },
  });
  assert.deepEqual((await describe(poolId))?.Policies?.SignInPolicy?.AllowedFirstAuthFactors, [
    "PASSWORD",
    "EMAIL_OTP",
    "WEB_AUTHN",
  ]);
  await s.client.send(
    new UpdateUserPoolCommand({
      UserPoolId: poolId,
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["SMS_OTP", "PASSWORD"] } },
    }),
  );
  assert.deepEqual((await describe(poolId))?.Policies?.SignInPolicy?.AllowedFirstAuthFactors, [
    "SMS_OTP",
    "PASSWORD",
  ]);
  // UpdateUserPool is a full replace: omitted, the policy returns to its default.
  await s.client.send(new UpdateUserPoolCommand({ UserPoolId: poolId }));
  assert.deepEqual((await describe(poolId))?.Policies?.SignInPolicy?.AllowedFirstAuthFactors, ["PASSWORD"]);
});

test("Cognito's refusals: no PASSWORD, SOFTWARE_TOKEN, LITE tier, bad values", async () => {
  await expectCognitoError(
    s.client.send(
      new CreateUserPoolCommand({
        PoolName: "p",
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["EMAIL_OTP"] } },
      }),
    ),
    "InvalidParameterException",
    "AllowedFirstAuthFactors must include PASSWORD.",
  );
  await expectCognitoError(
    s.client.send(
      new CreateUserPoolCommand({
        PoolName: "p",
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "SOFTWARE_TOKEN"] } },
      }),
    ),
    "InvalidParameterException",
    "SOFTWARE_TOKEN is not supported as a first authentication factor.",
  );
  await expectCognitoError(
    s.client.send(
      new CreateUserPoolCommand({
        PoolName: "p",
        UserPoolTier: "LITE",
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } },
      }),
    ),
    "FeatureUnavailableInTierException",
  );
  const bad = await rawCall(
    s.url,
    "CreateUserPool",
    JSON.stringify({ PoolName: "p", Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["TOTP"] } } }),
  );
  assert.equal(bad.status, 400);
  assert.equal(bad.json.__type, "InvalidParameterException");
  const empty = await rawCall(
    s.url,
    "CreateUserPool",
    JSON.stringify({ PoolName: "p", Policies: { SignInPolicy: { AllowedFirstAuthFactors: [] } } }),
  );
  assert.equal(empty.status, 400);
  assert.equal(empty.json.__type, "InvalidParameterException");
});

test("WebAuthnRelyingPartyID and WebAuthnUserVerification (CloudFormation's names) round-trip", async () => {
  const created = await rawCall(
    s.url,
    "CreateUserPool",
    JSON.stringify({
      PoolName: "passkeys",
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
      WebAuthnRelyingPartyID: "localhost",
      WebAuthnUserVerification: "required",
    }),
  );
  assert.equal(created.status, 200);
  const pool = created.json.UserPool as Record<string, unknown>;
  assert.equal(pool.WebAuthnRelyingPartyID, "localhost");
  assert.equal(pool.WebAuthnUserVerification, "required");
  const poolId = pool.Id as string;
  // An update that names neither keeps them (they are SetUserPoolMfaConfig's in Cognito's API).
  await s.client.send(
    new UpdateUserPoolCommand({
      UserPoolId: poolId,
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
    }),
  );
  const d = (await rawCall(s.url, "DescribeUserPool", JSON.stringify({ UserPoolId: poolId }))).json
    .UserPool as Record<string, unknown>;
  assert.equal(d.WebAuthnRelyingPartyID, "localhost");
  assert.equal(d.WebAuthnUserVerification, "required");
  const badUv = await rawCall(
    s.url,
    "UpdateUserPool",
    JSON.stringify({ UserPoolId: poolId, WebAuthnUserVerification: "discouraged" }),
  );
  assert.equal(badUv.json.__type, "InvalidParameterException");
  const longId = await rawCall(
    s.url,
    "UpdateUserPool",
    JSON.stringify({ UserPoolId: poolId, WebAuthnRelyingPartyID: "x".repeat(128) }),
  );
  assert.equal(longId.json.__type, "InvalidParameterException");
});

test("an app client may allow ALLOW_USER_AUTH", async () => {
  const poolId = await createPool(s);
  const c = await s.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "ua",
      ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  const d = await s.client.send(
    new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.UserPoolClient?.ClientId }),
  );
  assert.deepEqual(d.UserPoolClient?.ExplicitAuthFlows, ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
});
