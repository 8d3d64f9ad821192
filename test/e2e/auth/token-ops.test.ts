import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminGetUserCommand,
  AdminUserGlobalSignOutCommand,
  ChangePasswordCommand,
  DeleteUserCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  UpdateUserAttributesCommand,
  UpdateUserPoolClientCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  confirmedUser,
  expectCognitoError,
  movableClock,
  poolWithClient,
  rejectionOf,
} from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/** The token-authorised operations and revocation (docs/operations.md#token-authorised-operations, docs/tokens.md#what-the-tokens-contain), with the real SDK. */
const clock = movableClock();
let s: TestServer;
let poolId: string;
let clientId: string;

before(async () => {
  s = await startTestServer({}, { clock });
  ({ poolId, clientId } = await poolWithClient(s, { pool: { AutoVerifiedAttributes: ["email"] } }));
});
after(() => s.stop());

async function signIn(username: string, password = "Passw0rd!") {
  const r = await s.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  const t = r.AuthenticationResult;
  return { access: t?.AccessToken ?? "", refresh: t?.RefreshToken ?? "", id: t?.IdToken ?? "" };
}

const getUser = (AccessToken: string) => s.client.send(new GetUserCommand({ AccessToken }));
const refresh = (RefreshToken: string) =>
  s.client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken }));

async function latestCode(username: string): Promise<string> {
  const r = await fetch(`${s.url}/_hushpool/messages?poolId=${poolId}&username=${username}`);
  const { Messages } = (await r.json()) as { Messages: { code: string | null }[] };
  return Messages.at(-1)?.code ?? "";
}

test("GetUser; bad, expired and ID tokens are refused with Cognito's messages", async () => {
  await confirmedUser(s, poolId, "gina", "Passw0rd!", { email: "gina@example.com" });
  const t = await signIn("gina");
  const u = await getUser(t.access);
  assert.equal(u.Username, "gina");
  assert.deepEqual(
    u.UserAttributes?.map((a) => a.Name),
    ["sub", "email"],
  );
  await expectCognitoError(getUser("garbage"), "NotAuthorizedException", "Invalid Access Token");
  await expectCognitoError(getUser(t.id), "NotAuthorizedException", "Invalid Access Token");
  clock.advance(3601_000);
  await expectCognitoError(getUser(t.access), "NotAuthorizedException", "Access Token has expired");
});

test("GetTokensFromRefreshToken: new pair, same origin, no new refresh token", async () => {
  await confirmedUser(s, poolId, "rory", "Passw0rd!");
  const t = await signIn("rory");
  const r = await refresh(t.refresh);
  assert.ok(r.AuthenticationResult?.AccessToken);
  assert.equal(r.AuthenticationResult?.RefreshToken, undefined);
  assert.equal((await getUser(r.AuthenticationResult?.AccessToken ?? "")).Username, "rory");
  await expectCognitoError(refresh("x.y.z.w.v"), "NotAuthorizedException", "Invalid Refresh Token");
});

test("UpdateUserAttributes sends a code; VerifyUserAttribute; GetUserAttributeVerificationCode", async () => {
  await confirmedUser(s, poolId, "uma", "Passw0rd!", {
    email: "uma@example.com",
    email_verified: "true",
  });
  const t = await signIn("uma");
  const up = await s.client.send(
    new UpdateUserAttributesCommand({
      AccessToken: t.access,
      UserAttributes: [
        { Name: "email", Value: "uma.new@example.com" },
        { Name: "name", Value: "Uma" },
      ],
    }),
  );
  assert.deepEqual(up.CodeDeliveryDetailsList, [
    { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "u***@e***" },
  ]);
  const admin = async () =>
    Object.fromEntries(
      (
        (await s.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "uma" })))
          .UserAttributes ?? []
      ).map((a) => [a.Name, a.Value]),
    );
  assert.equal((await admin()).email_verified, "false");
  const wrong = s.client.send(
    new VerifyUserAttributeCommand({ AccessToken: t.access, AttributeName: "email", Code: "000000x" }),
  );
  await expectCognitoError(wrong, "CodeMismatchException");
  const again = await s.client.send(
    new GetUserAttributeVerificationCodeCommand({ AccessToken: t.access, AttributeName: "email" }),
  );
  assert.equal(again.CodeDeliveryDetails?.Destination, "u***@e***");
  await s.client.send(
    new VerifyUserAttributeCommand({
      AccessToken: t.access,
      AttributeName: "email",
      Code: await latestCode("uma"),
    }),
  );
  const after = await admin();
  assert.equal(after.email, "uma.new@example.com");
  assert.equal(after.email_verified, "true");
  assert.equal(after.name, "Uma");
});

test("ChangePassword: wrong previous password, policy, success", async () => {
  await confirmedUser(s, poolId, "carl", "Passw0rd!");
  const t = await signIn("carl");
  const change = (PreviousPassword: string, ProposedPassword: string) =>
    s.client.send(new ChangePasswordCommand({ AccessToken: t.access, PreviousPassword, ProposedPassword }));
  await expectCognitoError(
    change("nope-Passw0rd!", "N3w-Passw0rd!"),
    "NotAuthorizedException",
    "Incorrect username or password.",
  );
  await expectCognitoError(
    change("Passw0rd!", "short"),
    "InvalidPasswordException",
    "Password does not conform to policy: Password not long enough",
  );
  await change("Passw0rd!", "N3w-Passw0rd!");
  assert.ok((await signIn("carl", "N3w-Passw0rd!")).access);
});

test("GlobalSignOut and AdminUserGlobalSignOut revoke access and refresh tokens", async () => {
  await confirmedUser(s, poolId, "gus", "Passw0rd!");
  const t1 = await signIn("gus");
  const t2 = await signIn("gus");
  await s.client.send(new GlobalSignOutCommand({ AccessToken: t1.access }));
  for (const t of [t1, t2]) {
    await expectCognitoError(getUser(t.access), "NotAuthorizedException", "Access Token has been revoked");
    await expectCognitoError(refresh(t.refresh), "NotAuthorizedException", "Refresh Token has been revoked");
  }
  clock.advance(5);
  const t3 = await signIn("gus");
  assert.equal((await getUser(t3.access)).Username, "gus");
  await s.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: "gus" }));
  assert.equal((await rejectionOf(getUser(t3.access))).message, "Access Token has been revoked");
  await expectCognitoError(
    s.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: "ghost" })),
    "UserNotFoundException",
    "User does not exist.",
  );
});

test("RevokeToken revokes one sign-in's tokens (origin_jti), not the others", async () => {
  await confirmedUser(s, poolId, "rita", "Passw0rd!");
  const a = await signIn("rita");
  const b = await signIn("rita");
  await s.client.send(new RevokeTokenCommand({ ClientId: clientId, Token: a.refresh }));
  assert.equal((await rejectionOf(getUser(a.access))).message, "Access Token has been revoked");
  assert.equal((await rejectionOf(refresh(a.refresh))).message, "Refresh Token has been revoked");
  assert.equal((await getUser(b.access)).Username, "rita");
  await expectCognitoError(
    s.client.send(new RevokeTokenCommand({ ClientId: clientId, Token: b.access })),
    "UnsupportedTokenTypeException",
  );
  await s.client.send(
    new UpdateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      EnableTokenRevocation: false,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  await expectCognitoError(
    s.client.send(new RevokeTokenCommand({ ClientId: clientId, Token: b.refresh })),
    "UnsupportedOperationException",
  );
  await s.client.send(
    new UpdateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
});

test("DeleteUser: the user's tokens then name a user that does not exist", async () => {
  await confirmedUser(s, poolId, "dora", "Passw0rd!");
  const t = await signIn("dora");
  await s.client.send(new DeleteUserCommand({ AccessToken: t.access }));
  await expectCognitoError(getUser(t.access), "UserNotFoundException", "User does not exist.");
  assert.equal((await rejectionOf(refresh(t.refresh))).message, "Refresh Token has been revoked");
});
