import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminResetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  arn,
  createClient,
  createPool,
  eventsOf,
  expectCognitoError,
  lastCode,
  onlyEvent,
  outbox,
  putUser,
  type SeenEvent,
  serverWithStub,
  storedUser,
  uniq,
} from "../helpers/fixtures.ts";
import type { LambdaStub } from "../helpers/lambda-stub.ts";
import type { TestServer } from "../helpers/server.ts";

/**
 * PreSignUp, PostConfirmation and CustomMessage on the sign-up, recovery, admin and attribute
 * operations, through the Lambda Invoke API stand-in (docs/triggers.md "What is wired"). Each event is
 * checked for its triggerSource and its envelope.
 */
let s: TestServer;
let stub: LambdaStub;
let stop: () => Promise<void>;
let poolId: string;
let clientId: string;
let enabledId: string;

before(async () => {
  ({ s, stub, stop } = await serverWithStub());
  poolId = await createPool(s, {
    AutoVerifiedAttributes: ["email"],
    LambdaConfig: {
      PreSignUp: arn("pre-signup"),
      PostConfirmation: arn("post-confirmation"),
      CustomMessage: arn("custom-message"),
    },
  });
  clientId = await createClient(s, poolId, "LEGACY", {
    ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  });
  enabledId = await createClient(s, poolId, "ENABLED");
});
after(() => stop());

beforeEach(() => {
  stub.clear();
  stub.on("pre-signup", (e) => e);
  stub.on("post-confirmation", (e) => e);
  // Rewrites every message, so the outbox shows the function's text with the code filled in.
  stub.on<SeenEvent>("custom-message", (e) => ({
    ...e,
    response: {
      smsMessage: null,
      emailSubject: `[${e.triggerSource}]`,
      emailMessage: `Hello ${e.request.usernameParameter ?? e.userName}: ${e.request.codeParameter}`,
    },
  }));
});

function assertEnvelope(e: SeenEvent, source: string, userName: string, client: string): void {
  assert.equal(e.version, "1");
  assert.equal(e.triggerSource, source);
  assert.equal(e.region, "us-east-1");
  assert.equal(e.userPoolId, poolId);
  assert.equal(e.userName, userName);
  assert.equal(e.callerContext.clientId, client);
  assert.equal(typeof e.callerContext.awsSdkVersion, "string");
}

const signUp = (name: string, extra: Partial<ConstructorParameters<typeof SignUpCommand>[0]> = {}) =>
  s.client.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: name,
      Password: "Passw0rd!",
      UserAttributes: [{ Name: "email", Value: `${name}@example.com` }],
      ...extra,
    }),
  );

test("SignUp → PreSignUp_SignUp, CustomMessage_SignUp; ConfirmSignUp → PostConfirmation_ConfirmSignUp", async () => {
  const name = uniq("alice");
  const out = await signUp(name, {
    ValidationData: [{ Name: "captcha", Value: "ok" }],
    ClientMetadata: { app: "web" },
  });
  assert.equal(out.UserConfirmed, false);
  assert.equal(out.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");

  const pre = onlyEvent(stub, "pre-signup");
  assertEnvelope(pre, "PreSignUp_SignUp", name, clientId);
  assert.deepEqual(pre.request, {
    userAttributes: { email: `${name}@example.com` },
    validationData: { captcha: "ok" },
    clientMetadata: { app: "web" },
  });
  assert.deepEqual(pre.response, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });

  const msg = onlyEvent(stub, "custom-message");
  assertEnvelope(msg, "CustomMessage_SignUp", name, clientId);
  assert.equal(msg.request.codeParameter, "{####}");
  assert.equal(msg.request.usernameParameter, null);
  assert.deepEqual(msg.request.clientMetadata, { app: "web" });
  assert.equal(msg.request.userAttributes["cognito:user_status"], "UNCONFIRMED");
  assert.match(msg.request.userAttributes.sub ?? "", /^[0-9a-f-]{36}$/);

  const [sent] = await outbox(s, poolId, name);
  assert.equal(sent?.subject, "[CustomMessage_SignUp]");
  assert.equal(sent?.body, `Hello ${name}: ${sent?.code}`);

  const code = await lastCode(s, poolId, name, "SIGN_UP");
  await s.client.send(
    new ConfirmSignUpCommand({
      ClientId: clientId,
      Username: name,
      ConfirmationCode: code,
      ClientMetadata: { step: "2" },
    }),
  );
  const post = onlyEvent(stub, "post-confirmation");
  assertEnvelope(post, "PostConfirmation_ConfirmSignUp", name, clientId);
  assert.equal(post.request.userAttributes["cognito:user_status"], "CONFIRMED");
  assert.equal(post.request.userAttributes.email_verified, "true");
  assert.deepEqual(post.request.clientMetadata, { step: "2" });
});

test("PreSignUp rejects by throwing: UserLambdaValidationException, and no user is created", async () => {
  stub.on("pre-signup", () => {
    throw new Error("Registration from this domain is not allowed.");
  });
  const name = uniq("mallory");
  await expectCognitoError(
    signUp(name),
    "UserLambdaValidationException",
    "PreSignUp failed with error Registration from this domain is not allowed..",
  );
  assert.equal(await storedUser(s, poolId, name), null);
  assert.equal(eventsOf(stub, "custom-message").length, 0);
});

test("PreSignUp autoConfirmUser + autoVerifyEmail: confirmed at once, no code sent, PostConfirmation runs", async () => {
  stub.on<SeenEvent>("pre-signup", (e) => ({
    ...e,
    response: { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false },
  }));
  const name = uniq("auto");
  const out = await signUp(name);
  assert.equal(out.UserConfirmed, true);
  assert.equal(out.CodeDeliveryDetails, undefined);
  const user = await storedUser(s, poolId, name);
  assert.equal(user?.status, "CONFIRMED");
  assert.equal(user?.attributes.email_verified, "true");
  assert.equal(eventsOf(stub, "custom-message").length, 0);
  assert.deepEqual(await outbox(s, poolId, name), []);
  assertEnvelope(onlyEvent(stub, "post-confirmation"), "PostConfirmation_ConfirmSignUp", name, clientId);
});

test("autoConfirmUser: false does not reject; the flags ignore attributes the user lacks", async () => {
  stub.on<SeenEvent>("pre-signup", (e) => ({ ...e, response: { autoVerifyPhone: true } }));
  const name = uniq("plain");
  const out = await signUp(name);
  assert.equal(out.UserConfirmed, false);
  const user = await storedUser(s, poolId, name);
  assert.equal(user?.status, "UNCONFIRMED");
  assert.equal(user?.attributes.phone_number_verified, undefined);
});

test("ResendConfirmationCode → CustomMessage_ResendCode; ForgotPassword → CustomMessage_ForgotPassword; ConfirmForgotPassword → PostConfirmation_ConfirmForgotPassword", async () => {
  const name = uniq("bob");
  await signUp(name);
  stub.clear();
  await s.client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: name }));
  assertEnvelope(onlyEvent(stub, "custom-message"), "CustomMessage_ResendCode", name, clientId);
  assert.equal((await outbox(s, poolId, name)).at(-1)?.subject, "[CustomMessage_ResendCode]");

  await s.client.send(
    new ConfirmSignUpCommand({
      ClientId: clientId,
      Username: name,
      ConfirmationCode: await lastCode(s, poolId, name, "SIGN_UP"),
    }),
  );
  stub.clear();
  await s.client.send(
    new ForgotPasswordCommand({ ClientId: clientId, Username: name, ClientMetadata: { k: "v" } }),
  );
  const forgot = onlyEvent(stub, "custom-message");
  assertEnvelope(forgot, "CustomMessage_ForgotPassword", name, clientId);
  assert.deepEqual(forgot.request.clientMetadata, { k: "v" });
  const code = await lastCode(s, poolId, name, "FORGOT_PASSWORD");
  assert.equal((await outbox(s, poolId, name)).at(-1)?.body, `Hello ${name}: ${code}`);

  await s.client.send(
    new ConfirmForgotPasswordCommand({
      ClientId: clientId,
      Username: name,
      ConfirmationCode: code,
      Password: "N3w-Passw0rd!",
    }),
  );
  const post = onlyEvent(stub, "post-confirmation");
  assertEnvelope(post, "PostConfirmation_ConfirmForgotPassword", name, clientId);
  assert.equal(post.request.userAttributes["cognito:user_status"], "CONFIRMED");
});

test("the masked path calls CustomMessage too (userNotFound: true) and sends nothing; LEGACY answers before any call", async () => {
  const name = uniq("ghost");
  const out = await s.client.send(new ForgotPasswordCommand({ ClientId: enabledId, Username: name }));
  assert.ok(out.CodeDeliveryDetails?.Destination);
  const e = onlyEvent(stub, "custom-message");
  assertEnvelope(e, "CustomMessage_ForgotPassword", name, enabledId);
  assert.equal(e.request.userNotFound, true);
  assert.deepEqual(e.request.userAttributes, {});
  assert.deepEqual(await outbox(s, poolId, name), []);

  stub.clear();
  await expectCognitoError(
    s.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: name })),
    "UserNotFoundException",
    "Username/client id combination not found.",
  );
  assert.equal(stub.invocations.length, 0);
});

test("a CustomMessage function that throws fails the request before a code is stored", async () => {
  const name = uniq("carol");
  await putUser(s, poolId, {
    username: name,
    attributes: { email: `${name}@example.com`, email_verified: "true" },
  });
  stub.on("custom-message", () => {
    throw new Error("template service down");
  });
  await expectCognitoError(
    s.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: name })),
    "UserLambdaValidationException",
    "CustomMessage failed with error template service down.",
  );
  assert.deepEqual(await outbox(s, poolId, name), []);
});

test("AdminCreateUser → PreSignUp_AdminCreateUser (flags ignored) and CustomMessage_AdminCreateUser; AdminConfirmSignUp → PostConfirmation", async () => {
  stub.on<SeenEvent>("pre-signup", (e) => ({
    ...e,
    response: { autoConfirmUser: true, autoVerifyEmail: true },
  }));
  const name = uniq("dave");
  await s.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: name,
      TemporaryPassword: "Temp0rary!",
      DesiredDeliveryMediums: ["EMAIL"],
      UserAttributes: [{ Name: "email", Value: `${name}@example.com` }],
      ClientMetadata: { by: "admin" },
    }),
  );
  const pre = onlyEvent(stub, "pre-signup");
  assertEnvelope(pre, "PreSignUp_AdminCreateUser", name, "CLIENT_ID_NOT_APPLICABLE");
  assert.deepEqual(pre.request.clientMetadata, { by: "admin" });
  const user = await storedUser(s, poolId, name);
  assert.equal(user?.status, "FORCE_CHANGE_PASSWORD");
  assert.equal(user?.attributes.email_verified, undefined);

  const msg = onlyEvent(stub, "custom-message");
  assertEnvelope(msg, "CustomMessage_AdminCreateUser", name, "CLIENT_ID_NOT_APPLICABLE");
  assert.equal(msg.request.usernameParameter, "{username}");
  const [invite] = await outbox(s, poolId, name);
  assert.equal(invite?.subject, "[CustomMessage_AdminCreateUser]");
  assert.equal(invite?.body, `Hello ${name}: Temp0rary!`);

  const unconfirmed = uniq("erin");
  await putUser(s, poolId, { username: unconfirmed, status: "UNCONFIRMED" });
  stub.clear();
  await s.client.send(
    new AdminConfirmSignUpCommand({
      UserPoolId: poolId,
      Username: unconfirmed,
      ClientMetadata: { why: "support" },
    }),
  );
  const post = onlyEvent(stub, "post-confirmation");
  assertEnvelope(post, "PostConfirmation_ConfirmSignUp", unconfirmed, "CLIENT_ID_NOT_APPLICABLE");
  assert.deepEqual(post.request.clientMetadata, { why: "support" });
});

test("AdminResetUserPassword → CustomMessage_ForgotPassword; UpdateUserAttributes / GetUserAttributeVerificationCode → _UpdateUserAttribute / _VerifyUserAttribute", async () => {
  const name = uniq("frank");
  await putUser(s, poolId, {
    username: name,
    attributes: { email: `${name}@example.com`, email_verified: "true" },
  });
  const auth = await s.client.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: name, PASSWORD: "Passw0rd!" },
    }),
  );
  const AccessToken = auth.AuthenticationResult?.AccessToken ?? "";
  await s.client.send(
    new UpdateUserAttributesCommand({
      AccessToken,
      UserAttributes: [{ Name: "email", Value: `${name}@example.org` }],
    }),
  );
  assertEnvelope(onlyEvent(stub, "custom-message"), "CustomMessage_UpdateUserAttribute", name, clientId);
  stub.clear();
  await s.client.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: "email" }));
  assertEnvelope(onlyEvent(stub, "custom-message"), "CustomMessage_VerifyUserAttribute", name, clientId);
  assert.equal((await outbox(s, poolId, name)).at(-1)?.subject, "[CustomMessage_VerifyUserAttribute]");

  const other = uniq("grace");
  await putUser(s, poolId, {
    username: other,
    attributes: { email: `${other}@example.com`, email_verified: "true" },
  });
  stub.clear();
  await s.client.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: other }));
  assertEnvelope(
    onlyEvent(stub, "custom-message"),
    "CustomMessage_ForgotPassword",
    other,
    "CLIENT_ID_NOT_APPLICABLE",
  );
});

test("alias pool: an auto-verified email moves the alias from its holder to the new user (docs/triggers.md#presignup)", async () => {
  const aliasPool = await createPool(s, {
    AliasAttributes: ["email"],
    LambdaConfig: { PreSignUp: arn("pre-signup") },
  });
  const aliasClient = await createClient(s, aliasPool, "LEGACY");
  stub.on<SeenEvent>("pre-signup", (e) => ({
    ...e,
    response: { autoConfirmUser: true, autoVerifyEmail: true },
  }));
  const holder = await putUser(s, aliasPool, {
    username: uniq("holder"),
    attributes: { email: "shared@example.com", email_verified: "true" },
  });
  const name = uniq("newcomer");
  await s.client.send(
    new SignUpCommand({
      ClientId: aliasClient,
      Username: name,
      Password: "Passw0rd!",
      UserAttributes: [{ Name: "email", Value: "shared@example.com" }],
    }),
  );
  const { store } = s.app.services;
  assert.equal((await store.users.findByAlias(aliasPool, "email", "shared@example.com"))?.username, name);
  const before = await storedUser(s, aliasPool, holder.username);
  assert.notEqual(before?.attributes.email_verified, "true");
});
