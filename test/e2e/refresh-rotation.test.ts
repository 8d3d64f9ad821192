import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CreateUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  UpdateUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  ALL_AUTH_FLOWS,
  confirmedUser,
  createPool,
  expectCognitoError,
  type HasClient,
  movableClock,
  poolWithClient,
  settle,
} from "../helpers/fixtures.ts";
import { type Nodes, postgresNodes, sqliteNodes } from "../helpers/nodes.ts";
import { postgresUnavailable } from "../helpers/postgres.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Refresh-token rotation (docs/tokens.md#refresh-token-rotation): the client's RefreshTokenRotation,
 * GetTokensFromRefreshToken handing out a new refresh token and retiring the old one after
 * RetryGracePeriodSeconds, REFRESH_TOKEN_AUTH refused while rotation is on, and two rotations of one
 * token at once.
 */
const clock = movableClock();
let s: TestServer;

before(async () => {
  s = await startTestServer({}, { clock });
});
after(() => s.stop());

const rotating = (grace: number) => ({
  RefreshTokenRotation: { Feature: "ENABLED" as const, RetryGracePeriodSeconds: grace },
});

async function signIn(srv: HasClient, clientId: string, username: string) {
  const r = await srv.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: "Passw0rd!" },
    }),
  );
  return r.AuthenticationResult?.RefreshToken ?? "";
}

const rotate = (srv: HasClient, ClientId: string, RefreshToken: string) =>
  srv.client.send(new GetTokensFromRefreshTokenCommand({ ClientId, RefreshToken }));

const REUSED = [
  "RefreshTokenReuseException",
  "Refresh token has been invalidated by refresh token rotation.",
] as const;

test("RefreshTokenRotation is stored and shown by Create, Update and DescribeUserPoolClient", async () => {
  const poolId = await createPool(s);
  const created = await s.client.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "rot", ...rotating(10) }),
  );
  const clientId = created.UserPoolClient?.ClientId ?? "";
  assert.deepEqual(created.UserPoolClient?.RefreshTokenRotation, {
    Feature: "ENABLED",
    RetryGracePeriodSeconds: 10,
  });
  await s.client.send(
    new UpdateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      RefreshTokenRotation: { Feature: "DISABLED" },
    }),
  );
  const d = await s.client.send(
    new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }),
  );
  assert.deepEqual(d.UserPoolClient?.RefreshTokenRotation, { Feature: "DISABLED" });
  await expectCognitoError(
    s.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "rot",
        RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 61 },
      }),
    ),
    "InvalidParameterException",
    "1 validation error detected: Value '61' at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value less than or equal to 60",
  );
});

test("rotation off: GetTokensFromRefreshToken returns no refresh token and the old one keeps working", async () => {
  const { poolId, clientId } = await poolWithClient(s);
  await confirmedUser(s, poolId, "plain", "Passw0rd!");
  const rt = await signIn(s, clientId, "plain");
  const r = await rotate(s, clientId, rt);
  assert.equal(r.AuthenticationResult?.RefreshToken, undefined);
  assert.ok((await rotate(s, clientId, rt)).AuthenticationResult?.AccessToken);
});

test("grace 0: a new refresh token each time; the rotated one is refused at once", async () => {
  const { poolId, clientId } = await poolWithClient(s, { client: rotating(0) });
  await confirmedUser(s, poolId, "zero", "Passw0rd!");
  const first = await signIn(s, clientId, "zero");
  const r1 = await rotate(s, clientId, first);
  const second = r1.AuthenticationResult?.RefreshToken ?? "";
  assert.ok(second && second !== first, "a new refresh token");
  const u = await s.client.send(new GetUserCommand({ AccessToken: r1.AuthenticationResult?.AccessToken }));
  assert.equal(u.Username, "zero");
  await expectCognitoError(rotate(s, clientId, first), ...REUSED);
  const r2 = await rotate(s, clientId, second);
  assert.ok(r2.AuthenticationResult?.RefreshToken);
  await expectCognitoError(rotate(s, clientId, second), ...REUSED);
});

test("grace period: the old token works again until RetryGracePeriodSeconds have passed", async () => {
  const { poolId, clientId } = await poolWithClient(s, { client: rotating(10) });
  await confirmedUser(s, poolId, "grace", "Passw0rd!");
  const old = await signIn(s, clientId, "grace");
  const a = (await rotate(s, clientId, old)).AuthenticationResult?.RefreshToken ?? "";
  clock.advance(9_000);
  const b = (await rotate(s, clientId, old)).AuthenticationResult?.RefreshToken ?? "";
  assert.ok(a && b && a !== b, "a retry inside the grace period gets a refresh token of its own");
  clock.advance(1_500);
  await expectCognitoError(rotate(s, clientId, old), ...REUSED);
  assert.ok((await rotate(s, clientId, a)).AuthenticationResult?.RefreshToken, "the new tokens work");
  assert.ok((await rotate(s, clientId, b)).AuthenticationResult?.RefreshToken);
});

test("REFRESH_TOKEN_AUTH is refused while rotation is on; GetTokensFromRefreshToken needs no ALLOW_REFRESH_TOKEN_AUTH", async () => {
  const flows = ALL_AUTH_FLOWS.filter((f) => f !== "ALLOW_REFRESH_TOKEN_AUTH");
  const { poolId, clientId } = await poolWithClient(s, { client: { ...rotating(0) } });
  await confirmedUser(s, poolId, "flow", "Passw0rd!");
  const rt = await signIn(s, clientId, "flow");
  await expectCognitoError(
    s.client.send(
      new InitiateAuthCommand({
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: rt },
      }),
    ),
    "InvalidParameterException",
    "Auth flow not enabled for this client",
  );
  const other = await poolWithClient(s, { client: { ...rotating(0), ExplicitAuthFlows: [...flows] } });
  await confirmedUser(s, other.poolId, "flow2", "Passw0rd!");
  const rt2 = await signIn(s, other.clientId, "flow2");
  assert.ok((await rotate(s, other.clientId, rt2)).AuthenticationResult?.RefreshToken);
});

test("a rotated token keeps the original expiry, its family shares origin_jti, and RevokeToken ends the family", async () => {
  const { poolId, clientId } = await poolWithClient(s, {
    client: { ...rotating(0), RefreshTokenValidity: 1 },
  });
  await confirmedUser(s, poolId, "family", "Passw0rd!");
  const old = await signIn(s, clientId, "family");
  clock.advance(12 * 3600_000);
  const r = await rotate(s, clientId, old);
  const next = r.AuthenticationResult?.RefreshToken ?? "";
  await s.client.send(new RevokeTokenCommand({ ClientId: clientId, Token: next }));
  await expectCognitoError(
    rotate(s, clientId, next),
    "NotAuthorizedException",
    "Refresh Token has been revoked",
  );
  await expectCognitoError(
    s.client.send(new GetUserCommand({ AccessToken: r.AuthenticationResult?.AccessToken })),
    "NotAuthorizedException",
    "Access Token has been revoked",
  );
  // Expiry: a fresh family, rotated half-way, ends a day after the sign-in.
  const fresh = await signIn(s, clientId, "family");
  clock.advance(12 * 3600_000);
  const n2 = (await rotate(s, clientId, fresh)).AuthenticationResult?.RefreshToken ?? "";
  clock.advance(12 * 3600_000 + 1_000);
  await expectCognitoError(rotate(s, clientId, n2), "NotAuthorizedException", "Refresh Token has expired");
});

async function raceTwoRotations(nodes: Nodes): Promise<void> {
  const { poolId, clientId } = await poolWithClient(nodes.a, { client: rotating(0) });
  await confirmedUser(nodes.a, poolId, "racer", "Passw0rd!");
  for (let round = 0; round < 5; round++) {
    const rt = await signIn(nodes.a, clientId, "racer");
    const both = await Promise.all([
      settle(rotate(nodes.node(0), clientId, rt)),
      settle(rotate(nodes.node(1), clientId, rt)),
    ]);
    const ok = both.filter((r) => r.ok);
    assert.equal(ok.length, 1, `round ${round}: exactly one rotation wins`);
    const lost = both.find((r) => !r.ok);
    assert.ok(lost && !lost.ok);
    assert.deepEqual([lost.name, lost.message], [...REUSED]);
  }
}

describe("two rotations of one token at once (grace 0): exactly one wins", () => {
  test("SQLite", async () => {
    const nodes = await sqliteNodes();
    try {
      await raceTwoRotations(nodes);
    } finally {
      await nodes.stop();
    }
  });
  test("PostgreSQL, two nodes", async (t) => {
    const unavailable = await postgresUnavailable();
    if (unavailable) return t.skip(unavailable);
    const nodes = await postgresNodes();
    try {
      await raceTwoRotations(nodes);
    } finally {
      await nodes.stop();
    }
  });
});
