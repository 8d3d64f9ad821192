import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import {
  AdminAddUserToGroupCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  type CreateGroupCommandInput,
  InitiateAuthCommand,
  UpdateGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtRsaVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import {
  arn,
  confirmedUser,
  onlyEvent,
  poolWithClient,
  type SeenEvent,
  serverWithStub,
} from "../helpers/fixtures.ts";
import type { LambdaStub } from "../helpers/lambda-stub.ts";
import type { TestServer } from "../helpers/server.ts";

/**
 * Group claims in the tokens (docs/admin-users.md#groups-in-tokens), verified with the served JWKS
 * as an application would, and PreTokenGeneration's groupConfiguration / groupOverrideDetails (V1, V2).
 */
let s: TestServer;
let stub: LambdaStub;
let stop: () => Promise<void>;
const ROLE_A = "arn:aws:iam::111111111111:role/RoleA";
const ROLE_B = "arn:aws:iam::111111111111:role/RoleB";
const ROLE_C = "arn:aws:iam::111111111111:role/RoleC";

before(async () => {
  ({ s, stub, stop } = await serverWithStub());
});
after(() => stop());
beforeEach(() => stub.clear());

const httpFetcher = { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() };

async function verified(
  poolId: string,
  clientId: string,
  tokens: { IdToken?: string; AccessToken?: string },
) {
  const issuer = `${s.url}/${poolId}`;
  const jwksUri = `${issuer}/.well-known/jwks.json`;
  const jwksCache = new SimpleJwksCache({ fetcher: httpFetcher });
  const id = await JwtRsaVerifier.create({ issuer, audience: clientId, jwksUri }, { jwksCache }).verify(
    tokens.IdToken ?? "",
  );
  const access = await JwtRsaVerifier.create({ issuer, audience: null, jwksUri }, { jwksCache }).verify(
    tokens.AccessToken ?? "",
  );
  return { id: id as Record<string, unknown>, access: access as Record<string, unknown> };
}

const signIn = async (ClientId: string, USERNAME: string) =>
  (
    await s.client.send(
      new InitiateAuthCommand({
        ClientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME, PASSWORD: "Passw0rd!" },
      }),
    )
  ).AuthenticationResult ?? {};

const refresh = async (ClientId: string, REFRESH_TOKEN: string) =>
  (
    await s.client.send(
      new InitiateAuthCommand({
        ClientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN },
      }),
    )
  ).AuthenticationResult ?? {};

async function group(UserPoolId: string, g: Omit<CreateGroupCommandInput, "UserPoolId">, member?: string) {
  await s.client.send(new CreateGroupCommand({ UserPoolId, ...g }));
  if (member) {
    await s.client.send(
      new AdminAddUserToGroupCommand({ UserPoolId, Username: member, GroupName: g.GroupName }),
    );
  }
}

/** gamma(0, no role), beta(1, A), zeta(1, A), alpha(none, B): A is preferred (a tie on the same ARN). */
async function gina(poolId: string): Promise<void> {
  await confirmedUser(s, poolId, "gina", "Passw0rd!");
  await group(poolId, { GroupName: "zeta", Precedence: 1, RoleArn: ROLE_A }, "gina");
  await group(poolId, { GroupName: "alpha", RoleArn: ROLE_B }, "gina");
  await group(poolId, { GroupName: "beta", Precedence: 1, RoleArn: ROLE_A }, "gina");
  await group(poolId, { GroupName: "gamma", Precedence: 0 }, "gina");
  await group(poolId, { GroupName: "other", Precedence: 0, RoleArn: ROLE_C });
}
const GINA_GROUPS = ["gamma", "beta", "zeta", "alpha"];

test("cognito:groups in both tokens by precedence then name; cognito:roles and cognito:preferred_role in the ID token", async () => {
  const { poolId, clientId } = await poolWithClient(s);
  await gina(poolId);
  const tokens = await signIn(clientId, "gina");
  const { id, access } = await verified(poolId, clientId, tokens);
  assert.deepEqual(id["cognito:groups"], GINA_GROUPS);
  assert.deepEqual(access["cognito:groups"], GINA_GROUPS);
  assert.deepEqual(id["cognito:roles"], [ROLE_A, ROLE_B]);
  assert.equal(id["cognito:preferred_role"], ROLE_A);
  assert.equal(access["cognito:roles"], undefined);
  assert.equal(access["cognito:preferred_role"], undefined);

  // A tie at the best precedence between different roles: no preferred role. Refresh re-reads groups.
  await s.client.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: "zeta", RoleArn: ROLE_C }));
  const tie = await verified(poolId, clientId, await refresh(clientId, tokens.RefreshToken ?? ""));
  assert.deepEqual(tie.id["cognito:roles"], [ROLE_A, ROLE_C, ROLE_B]);
  assert.equal(tie.id["cognito:preferred_role"], undefined);

  // Numbered groups beat groups without Precedence; leaving every group drops the claims.
  for (const g of ["beta", "zeta"]) {
    await s.client.send(
      new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: "gina", GroupName: g }),
    );
  }
  const onlyB = await verified(poolId, clientId, await signIn(clientId, "gina"));
  assert.deepEqual(onlyB.id["cognito:groups"], ["gamma", "alpha"]);
  assert.equal(onlyB.id["cognito:preferred_role"], ROLE_B);
  for (const g of ["gamma", "alpha"]) {
    await s.client.send(
      new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: "gina", GroupName: g }),
    );
  }
  const none = await verified(poolId, clientId, await signIn(clientId, "gina"));
  for (const claim of ["cognito:groups", "cognito:roles", "cognito:preferred_role"]) {
    assert.equal(none.id[claim], undefined, claim);
    assert.equal(none.access[claim], undefined, claim);
  }
});

test("PreTokenGeneration V1: groupConfiguration holds the user's groups; groupOverrideDetails replaces, empty drops, absent keeps", async () => {
  const { poolId, clientId } = await poolWithClient(s, {
    pool: { LambdaConfig: { PreTokenGeneration: arn("g-v1") } },
  });
  await gina(poolId);
  stub.on<SeenEvent>("g-v1", (e) => ({
    ...e,
    response: {
      claimsOverrideDetails: {
        groupOverrideDetails: {
          groupsToOverride: ["x"],
          iamRolesToOverride: [ROLE_C],
          preferredRole: ROLE_C,
        },
      },
    },
  }));
  const replaced = await verified(poolId, clientId, await signIn(clientId, "gina"));
  assert.deepEqual(onlyEvent(stub, "g-v1").request.groupConfiguration, {
    groupsToOverride: GINA_GROUPS,
    iamRolesToOverride: [ROLE_A, ROLE_B],
    preferredRole: ROLE_A,
  });
  assert.deepEqual(replaced.id["cognito:groups"], ["x"]);
  assert.deepEqual(replaced.access["cognito:groups"], ["x"]);
  assert.deepEqual(replaced.id["cognito:roles"], [ROLE_C]);
  assert.equal(replaced.id["cognito:preferred_role"], ROLE_C);

  stub.on<SeenEvent>("g-v1", (e) => ({
    ...e,
    response: { claimsOverrideDetails: { groupOverrideDetails: { groupsToOverride: null } } },
  }));
  const dropped = await verified(poolId, clientId, await signIn(clientId, "gina"));
  assert.equal(dropped.id["cognito:groups"], undefined);
  assert.equal(dropped.access["cognito:groups"], undefined);
  assert.equal(dropped.id["cognito:preferred_role"], undefined);

  stub.on<SeenEvent>("g-v1", (e) => ({
    ...e,
    response: {
      claimsOverrideDetails: { claimsToAddOrOverride: { "cognito:groups": "ignored", tier: "gold" } },
    },
  }));
  const kept = await verified(poolId, clientId, await signIn(clientId, "gina"));
  assert.deepEqual(
    kept.id["cognito:groups"],
    GINA_GROUPS,
    "group claims change only through groupOverrideDetails",
  );
  assert.equal(kept.id.tier, "gold");
  assert.equal(kept.id["cognito:preferred_role"], ROLE_A);
});

test("PreTokenGeneration V2: an empty groupOverrideDetails drops the groups; a list replaces them in both tokens", async () => {
  const { poolId, clientId } = await poolWithClient(s, {
    pool: { LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: arn("g-v2") } } },
  });
  await gina(poolId);
  stub.on<SeenEvent>("g-v2", (e) => ({
    ...e,
    response: { claimsAndScopeOverrideDetails: { groupOverrideDetails: {} } },
  }));
  const dropped = await verified(poolId, clientId, await signIn(clientId, "gina"));
  assert.deepEqual(onlyEvent(stub, "g-v2").request.groupConfiguration, {
    groupsToOverride: GINA_GROUPS,
    iamRolesToOverride: [ROLE_A, ROLE_B],
    preferredRole: ROLE_A,
  });
  assert.equal(dropped.id["cognito:groups"], undefined);
  assert.equal(dropped.access["cognito:groups"], undefined);
  assert.equal(dropped.id["cognito:roles"], undefined);

  stub.on<SeenEvent>("g-v2", (e) => ({
    ...e,
    response: { claimsAndScopeOverrideDetails: { groupOverrideDetails: { groupsToOverride: ["y", "z"] } } },
  }));
  const replaced = await verified(poolId, clientId, await signIn(clientId, "gina"));
  assert.deepEqual(replaced.id["cognito:groups"], ["y", "z"]);
  assert.deepEqual(replaced.access["cognito:groups"], ["y", "z"]);
  assert.equal(replaced.id["cognito:roles"], undefined);
  assert.equal(replaced.id["cognito:preferred_role"], undefined);
});
