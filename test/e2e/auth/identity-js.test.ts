import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AuthenticationDetails,
  CognitoUser,
  type CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
} from "amazon-cognito-identity-js";
import {
  confirmedUser,
  createClient,
  createUser,
  nameValues,
  poolWithClient,
} from "../../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

/**
 * The unmodified amazon-cognito-identity-js against the server: SRP sign-in (authenticateUser),
 * NEW_PASSWORD_REQUIRED (completeNewPasswordChallenge), refreshSession, getUserAttributes,
 * changePassword and globalSignOut, and the unknown-user answers of both modes.
 */
let s: TestServer;
let poolId: string;
let pools: Record<"LEGACY" | "ENABLED", CognitoUserPool>;

before(async () => {
  s = await startTestServer();
  const made = await poolWithClient(s, {
    pool: { Schema: [{ Name: "email", Required: true, Mutable: true }] },
  });
  poolId = made.poolId;
  const enabled = await createClient(s, poolId, "ENABLED", { ClientName: "spa" });
  const pool = (ClientId: string) => new CognitoUserPool({ UserPoolId: poolId, ClientId, endpoint: s.url });
  pools = { LEGACY: pool(made.clientId), ENABLED: pool(enabled) };
  await confirmedUser(s, poolId, "alice", "Passw0rd!", { email: "alice@example.com" });
  await createUser(s, poolId, "newbie", {
    TemporaryPassword: "Temp0rary!",
    UserAttributes: nameValues({ email: "newbie@example.com" }),
  });
});
after(() => s.stop());

type SignIn =
  | { kind: "session"; user: CognitoUser; session: CognitoUserSession }
  | { kind: "newPassword"; user: CognitoUser; userAttributes: Record<string, string>; required: string[] }
  | { kind: "error"; code: string; message: string };

function signIn(pool: CognitoUserPool, username: string, password: string): Promise<SignIn> {
  const user = new CognitoUser({ Username: username, Pool: pool });
  return new Promise((resolve) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session) => resolve({ kind: "session", user, session }),
      onFailure: (e: { code: string; message: string }) =>
        resolve({ kind: "error", code: e.code, message: e.message }),
      newPasswordRequired: (userAttributes: Record<string, string>, required: string[]) =>
        resolve({ kind: "newPassword", user, userAttributes, required }),
    });
  });
}

const call = <T>(fn: (cb: (err: Error | undefined, value?: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value as T))));

test("SRP sign-in, getUserAttributes, refreshSession", async () => {
  const r = await signIn(pools.LEGACY, "alice", "Passw0rd!");
  assert.equal(r.kind, "session");
  if (r.kind !== "session") return;
  assert.ok(r.session.isValid());
  assert.equal(r.session.getIdToken().payload["cognito:username"], "alice");
  assert.equal(r.session.getIdToken().payload.email, "alice@example.com");
  const attrs = await call<CognitoUserAttribute[]>((cb) => r.user.getUserAttributes(cb));
  assert.deepEqual(
    attrs.map((a) => a.getName()),
    ["sub", "email"],
  );
  const refreshed = await call<CognitoUserSession>((cb) =>
    r.user.refreshSession(r.session.getRefreshToken(), cb),
  );
  assert.notEqual(refreshed.getAccessToken().getJwtToken(), r.session.getAccessToken().getJwtToken());
  assert.equal(refreshed.getAccessToken().payload.origin_jti, r.session.getAccessToken().payload.origin_jti);
  // No new refresh token comes back: the client keeps the old one.
  assert.equal(refreshed.getRefreshToken().getToken(), r.session.getRefreshToken().getToken());
});

test("unknown user: UserNotFoundException under LEGACY, the generic answer under ENABLED", async () => {
  assert.deepEqual(await signIn(pools.LEGACY, "ghost", "Passw0rd!"), {
    kind: "error",
    code: "UserNotFoundException",
    message: "User does not exist.",
  });
  assert.deepEqual(await signIn(pools.ENABLED, "ghost", "Passw0rd!"), {
    kind: "error",
    code: "NotAuthorizedException",
    message: "Incorrect username or password.",
  });
  assert.deepEqual(await signIn(pools.ENABLED, "alice", "wrong-Passw0rd!"), {
    kind: "error",
    code: "NotAuthorizedException",
    message: "Incorrect username or password.",
  });
});

test("NEW_PASSWORD_REQUIRED with completeNewPasswordChallenge, then changePassword and globalSignOut", async () => {
  const r = await signIn(pools.ENABLED, "newbie", "Temp0rary!");
  assert.equal(r.kind, "newPassword");
  if (r.kind !== "newPassword") return;
  assert.equal(r.userAttributes.email, "newbie@example.com");
  assert.deepEqual(r.required, []);
  const session = await new Promise<CognitoUserSession>((resolve, reject) =>
    r.user.completeNewPasswordChallenge("Brand-n3w-pw", {}, { onSuccess: resolve, onFailure: reject }),
  );
  assert.ok(session.isValid());
  await call<"SUCCESS">((cb) => r.user.changePassword("Brand-n3w-pw", "Even-n3wer-pw", cb));
  const again = await signIn(pools.ENABLED, "newbie", "Even-n3wer-pw");
  assert.equal(again.kind, "session");
  await new Promise<void>((resolve, reject) =>
    r.user.globalSignOut({ onSuccess: () => resolve(), onFailure: reject }),
  );
  const after = await call<CognitoUserAttribute[]>((cb) => r.user.getUserAttributes(cb)).catch(
    (e: Error) => e,
  );
  assert.ok(after instanceof Error);
  assert.equal(after.message, "Access Token has been revoked");
});
