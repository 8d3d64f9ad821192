import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  type SignUpCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { computeSecretHash } from "../../src/domain/pools/secret-hash.ts";
import {
  createClient,
  createPool,
  expectCognitoError,
  expectOk,
  lastCode,
  outbox,
  poolWithClients,
  settle,
  storedUser,
  uniq,
} from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** SignUp and ConfirmSignUp behaviour beyond the existence table (docs/operations.md#signup, docs/operations.md#confirmsignup, docs/operations.md#username-models). */

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

const PASSWORD = "Passw0rd!";

async function signUp(
  clientId: string,
  Username: string,
  attrs: Record<string, string> = {},
  extra: Partial<SignUpCommandInput> = {},
) {
  return s.client.send(
    new SignUpCommand({
      ClientId: clientId,
      Username,
      Password: PASSWORD,
      UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
      ...extra,
    }),
  );
}
const confirm = (
  ClientId: string,
  Username: string,
  ConfirmationCode: string,
  ForceAliasCreation?: boolean,
) => s.client.send(new ConfirmSignUpCommand({ ClientId, Username, ConfirmationCode, ForceAliasCreation }));

test("email-as-username pools: the Username must be an email, becomes the email attribute, the username is the sub", async () => {
  const p = await poolWithClients(s, { UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] });
  await expectCognitoError(
    signUp(p.clients.LEGACY, "plainname"),
    "InvalidParameterException",
    "Username should be an email.",
  );
  const email = `${uniq("ua")}@example.com`;
  const out = await signUp(p.clients.LEGACY, email);
  assert.ok(out.UserSub);
  const user = await storedUser(s, p.poolId, out.UserSub);
  assert.equal(user?.username, out.UserSub);
  assert.equal(user?.attributes.email, email);
  // The email is the sign-in name before it is verified: confirm by email works.
  const code = await lastCode(s, p.poolId, out.UserSub, "SIGN_UP");
  await confirm(p.clients.LEGACY, email, code);
  assert.equal((await storedUser(s, p.poolId, out.UserSub))?.attributes.email_verified, "true");
});

test("phone-as-username pools ask for a phone number", async () => {
  const p = await poolWithClients(s, { UsernameAttributes: ["phone_number"] });
  await expectCognitoError(
    signUp(p.clients.LEGACY, "x@example.com"),
    "InvalidParameterException",
    "Username should be a phone number.",
  );
  const out = await signUp(p.clients.LEGACY, "+12065550123");
  assert.equal(out.CodeDeliveryDetails, undefined, "no AutoVerifiedAttributes: no code");
});

test("alias pools refuse usernames shaped like an alias", async () => {
  const p = await poolWithClients(s, { AliasAttributes: ["email", "phone_number"] });
  await expectCognitoError(
    signUp(p.clients.LEGACY, "a@example.com"),
    "InvalidParameterException",
    "Username cannot be of email format, since user pool is configured for email alias.",
  );
  await expectCognitoError(
    signUp(p.clients.LEGACY, "+12065550123"),
    "InvalidParameterException",
    "Username cannot be of phone number format, since user pool is configured for phone number alias.",
  );
});

test("case-insensitive pools treat case variants as the same username", async () => {
  const p = await poolWithClients(s, { UsernameConfiguration: { CaseSensitive: false } });
  const name = uniq("Case");
  await signUp(p.clients.LEGACY, name);
  await expectCognitoError(
    signUp(p.clients.ENABLED, name.toLowerCase()),
    "UsernameExistsException",
    "User already exists",
  );
});

test("attributes are checked against the schema, required ones enforced, verification flags ignored", async () => {
  const p = await poolWithClients(s, { Schema: [{ Name: "email", Required: true, Mutable: true }] });
  await expectCognitoError(
    signUp(p.clients.LEGACY, uniq("u"), { email: "a@example.com", foo: "x" }),
    "InvalidParameterException",
    "Attributes did not conform to the schema: foo: Attribute does not exist in the schema.",
  );
  await expectCognitoError(
    signUp(p.clients.LEGACY, uniq("u")),
    "InvalidParameterException",
    "Attributes did not conform to the schema: email: The attribute is required",
  );
  const name = uniq("u");
  await signUp(p.clients.LEGACY, name, { email: "b@example.com", email_verified: "true" });
  assert.equal((await storedUser(s, p.poolId, name))?.attributes.email_verified, undefined);
});

test("the password policy uses SignUp's own wording", async () => {
  const p = await poolWithClients(s);
  await expectCognitoError(
    s.client.send(
      new SignUpCommand({ ClientId: p.clients.LEGACY, Username: uniq("u"), Password: "Short1!" }),
    ),
    "InvalidPasswordException",
    "Password did not conform with policy: Password not long enough",
  );
  await expectCognitoError(
    s.client.send(
      new SignUpCommand({ ClientId: p.clients.LEGACY, Username: uniq("u"), Password: "alllowercase1!" }),
    ),
    "InvalidPasswordException",
    "Password did not conform with policy: Password must have uppercase characters",
  );
});

test("AllowAdminCreateUserOnly pools refuse SignUp", async () => {
  const p = await poolWithClients(s, { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
  await expectCognitoError(
    signUp(p.clients.ENABLED, uniq("u")),
    "NotAuthorizedException",
    "SignUp is not permitted for this user pool",
  );
});

test("clients with a secret need the right SecretHash", async () => {
  const poolId = await createPool(s, { AutoVerifiedAttributes: ["email"] });
  const out = await s.client.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "secret", GenerateSecret: true }),
  );
  const id = out.UserPoolClient?.ClientId ?? "";
  const secret = out.UserPoolClient?.ClientSecret ?? "";
  const name = uniq("sec");
  await expectCognitoError(
    signUp(id, name),
    "NotAuthorizedException",
    `Client ${id} is configured for secret but secret was not received`,
  );
  await expectCognitoError(
    signUp(id, name, {}, { SecretHash: computeSecretHash(secret, "other", id) }),
    "NotAuthorizedException",
    `Unable to verify secret hash for client ${id}`,
  );
  expectOk(await settle(signUp(id, name, {}, { SecretHash: computeSecretHash(secret, name, id) })));
});

test("without AutoVerifiedAttributes no code is sent and ResendConfirmationCode refuses every name", async () => {
  const p = await poolWithClients(s);
  const name = uniq("nav");
  const out = await signUp(p.clients.ENABLED, name, { email: `${name}@example.com` });
  assert.equal(out.CodeDeliveryDetails, undefined);
  assert.equal((await outbox(s, p.poolId, name)).length, 0);
  for (const who of [name, uniq("ghost")]) {
    await expectCognitoError(
      s.client.send(new ResendConfirmationCodeCommand({ ClientId: p.clients.ENABLED, Username: who })),
      "NotAuthorizedException",
      "Cannot resend codes. Auto verification not turned on.",
    );
  }
});

test("messages use the pool's VerificationMessageTemplate with {####}", async () => {
  const p = await poolWithClients(s, {
    AutoVerifiedAttributes: ["email"],
    VerificationMessageTemplate: {
      EmailMessage: "Welcome! Your code: {####}",
      EmailSubject: "Confirm your account",
    },
  });
  const name = uniq("tpl");
  await signUp(p.clients.LEGACY, name, { email: `${name}@example.com` });
  const [m] = await outbox(s, p.poolId, name);
  assert.equal(m?.subject, "Confirm your account");
  assert.equal(m?.body, `Welcome! Your code: ${m?.code}`);
  assert.equal(m?.destination, `${name}@example.com`);
});

test("ConfirmSignUp: wrong code, only the latest code, single use, expiry", async () => {
  const p = await poolWithClients(s, { AutoVerifiedAttributes: ["email"] });
  const id = p.clients.ENABLED;
  const name = uniq("codes");
  await signUp(id, name, { email: `${name}@example.com` });
  const first = await lastCode(s, p.poolId, name, "SIGN_UP");
  await expectCognitoError(
    confirm(id, name, first === "000000" ? "111111" : "000000"),
    "CodeMismatchException",
    "Invalid verification code provided, please try again.",
  );
  await s.client.send(new ResendConfirmationCodeCommand({ ClientId: id, Username: name }));
  const second = await lastCode(s, p.poolId, name, "SIGN_UP");
  if (first !== second) {
    await expectCognitoError(
      confirm(id, name, first),
      "CodeMismatchException",
      "Invalid verification code provided, please try again.",
    );
  }
  // Concurrent confirmations with the right code: exactly one wins.
  const results = await Promise.all(Array.from({ length: 5 }, () => settle(confirm(id, name, second))));
  assert.equal(results.filter((r) => r.ok).length, 1);
  await expectCognitoError(
    confirm(id, name, second),
    "NotAuthorizedException",
    "User cannot be confirmed. Current status is CONFIRMED",
  );

  const late = uniq("late");
  await signUp(id, late, { email: `${late}@example.com` });
  const user = await storedUser(s, p.poolId, late);
  assert.ok(user);
  const { store } = s.app.services;
  const rec = await store.codes.get(p.poolId, user.sub, "SIGN_UP");
  assert.ok(rec);
  await store.codes.put({ ...rec, expiresAt: Date.now() - 1 });
  await expectCognitoError(
    confirm(id, late, await lastCode(s, p.poolId, late, "SIGN_UP")),
    "ExpiredCodeException",
    "Invalid code provided, please request a code again.",
  );
});

test("sign-up codes live 24 hours", async () => {
  const p = await poolWithClients(s, { AutoVerifiedAttributes: ["email"] });
  const name = uniq("ttl");
  await signUp(p.clients.LEGACY, name, { email: `${name}@example.com` });
  const user = await storedUser(s, p.poolId, name);
  assert.ok(user);
  const rec = await s.app.services.store.codes.get(p.poolId, user.sub, "SIGN_UP");
  assert.equal((rec?.expiresAt ?? 0) - (rec?.createdAt ?? 0), 24 * 3600 * 1000);
  assert.notEqual(rec?.codeHash, await lastCode(s, p.poolId, name, "SIGN_UP"), "only a MAC is stored");
});

test("verification-based aliases: AliasExistsException at confirmation unless ForceAliasCreation", async () => {
  const poolId = await createPool(s, { AliasAttributes: ["email"], AutoVerifiedAttributes: ["email"] });
  const id = await createClient(s, poolId, "ENABLED");
  const email = `${uniq("shared")}@example.com`;
  const [a, b] = [uniq("first"), uniq("second")];
  await signUp(id, a, { email });
  // An unconfirmed user's email is not an alias yet: it finds nobody (docs/operations.md#username-models).
  await expectCognitoError(
    s.client.send(
      new ConfirmSignUpCommand({
        ClientId: await createClient(s, poolId, "LEGACY"),
        Username: email,
        ConfirmationCode: "123456",
      }),
    ),
    "UserNotFoundException",
    "Username/client id combination not found.",
  );
  await confirm(id, a, await lastCode(s, poolId, a, "SIGN_UP"));
  // The second sign-up with the same email succeeds (no leak at SignUp) …
  await signUp(id, b, { email });
  const code = await lastCode(s, poolId, b, "SIGN_UP");
  // … and the conflict shows only with the right code.
  await expectCognitoError(
    confirm(id, b, code),
    "AliasExistsException",
    "An account with the email already exists.",
  );
  assert.equal((await storedUser(s, poolId, b))?.status, "UNCONFIRMED");
  // The same code still works with ForceAliasCreation: the alias moves, the old holder's email is unverified.
  await confirm(id, b, code, true);
  assert.equal((await storedUser(s, poolId, b))?.attributes.email_verified, "true");
  const old = await storedUser(s, poolId, a);
  assert.equal(old?.attributes.email_verified, "false");
  assert.equal(old?.aliases.email, undefined);
  const pool = await s.app.services.store.pools.get(poolId);
  assert.ok(pool);
  assert.equal((await s.app.services.store.users.findByAlias(poolId, "email", email))?.username, b);
});
