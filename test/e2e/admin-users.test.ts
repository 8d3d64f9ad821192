import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  GetCSVHeaderCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { newUserRecord } from "../../src/domain/users/new-user.ts";
import {
  attr,
  createPool,
  createUser,
  expectCognitoError,
  outbox,
  rejectionOf,
} from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

const NOT_FOUND = ["UserNotFoundException", "User does not exist."] as const;
const getUser = (UserPoolId: string, Username: string) =>
  s.client.send(new AdminGetUserCommand({ UserPoolId, Username }));

test("AdminCreateUser returns a FORCE_CHANGE_PASSWORD user with a sub; AdminGetUser reads it back", async () => {
  const pool = await createPool(s);
  const before = Date.now() / 1000;
  const user = await createUser(s, pool, "alice", {
    UserAttributes: [
      { Name: "email", Value: "alice@example.com" },
      { Name: "given_name", Value: "Alice" },
    ],
  });
  assert.equal(user.Username, "alice");
  assert.equal(user.UserStatus, "FORCE_CHANGE_PASSWORD");
  assert.equal(user.Enabled, true);
  assert.equal(user.Attributes?.[0]?.Name, "sub");
  assert.match(attr(user.Attributes, "sub") ?? "", /^[0-9a-f-]{36}$/);
  assert.equal(attr(user.Attributes, "email"), "alice@example.com");
  assert.ok((user.UserCreateDate?.getTime() ?? 0) / 1000 >= before - 1);

  const got = await getUser(pool, "alice");
  assert.equal(got.Username, "alice");
  assert.equal(got.UserStatus, "FORCE_CHANGE_PASSWORD");
  assert.equal(got.Enabled, true);
  assert.deepEqual(got.UserAttributes, user.Attributes);
  assert.equal(got.UserCreateDate?.getTime(), user.UserCreateDate?.getTime());
  assert.deepEqual(await outbox(s, pool), [], "SUPPRESS sends nothing");

  // The temporary password is stored sealed with its set time (the sign-in engineer expires it).
  const stored = await s.app.services.store.users.findByUsername(pool, "alice");
  assert.ok(stored?.credential && !stored.credential.includes("Temp-Passw0rd!"));
  assert.ok(stored.credentialSetAt !== null && stored.credentialSetAt >= before * 1000 - 1000);
});

test("AdminCreateUser: a taken username, a policy violation, a bad attribute and an unknown pool write nothing", async () => {
  const pool = await createPool(s, {
    Policies: { PasswordPolicy: { MinimumLength: 10, RequireNumbers: true } },
  });
  await createUser(s, pool, "bob", { TemporaryPassword: "abcdefghij1" });
  await expectCognitoError(
    createUser(s, pool, "bob", { TemporaryPassword: "abcdefghij1" }),
    "UsernameExistsException",
    "User account already exists",
  );
  await expectCognitoError(
    createUser(s, pool, "carol", { TemporaryPassword: "short1" }),
    "InvalidPasswordException",
    "Password does not conform to policy: Password not long enough",
  );
  await expectCognitoError(
    createUser(s, pool, "carol", { TemporaryPassword: "longenoughpw" }),
    "InvalidPasswordException",
    "Password does not conform to policy: Password must have numeric characters",
  );
  const bad = createUser(s, pool, "carol", {
    TemporaryPassword: "abcdefghij1",
    UserAttributes: [{ Name: "custom:nope", Value: "x" }],
  });
  await expectCognitoError(
    bad,
    "InvalidParameterException",
    "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.",
  );
  assert.equal(
    (
      await rejectionOf(
        createUser(s, pool, "carol", {
          TemporaryPassword: "abcdefghij1",
          UserAttributes: [{ Name: "email", Value: "not-an-email" }],
        }),
      )
    ).message,
    "Invalid email address format.",
  );
  await expectCognitoError(getUser(pool, "carol"), ...NOT_FOUND);
  const { Users } = await s.client.send(new ListUsersCommand({ UserPoolId: pool }));
  assert.deepEqual(
    Users?.map((u) => u.Username),
    ["bob"],
  );
  await expectCognitoError(
    createUser(s, "us-east-1_Nope12345", "x"),
    "ResourceNotFoundException",
    "User pool us-east-1_Nope12345 does not exist.",
  );
});

test("AdminCreateUser without TemporaryPassword generates one that meets the policy and sends the invitation", async () => {
  const pool = await createPool(s, {
    AdminCreateUserConfig: {
      InviteMessageTemplate: {
        EmailSubject: "Welcome aboard",
        EmailMessage: "Hello {username}, your code is {####}",
        SMSMessage: "User {username} pw {####}",
      },
    },
  });
  await s.client.send(
    new AdminCreateUserCommand({
      UserPoolId: pool,
      Username: "dave",
      UserAttributes: [
        { Name: "email", Value: "dave@example.com" },
        { Name: "phone_number", Value: "+15555550100" },
      ],
      DesiredDeliveryMediums: ["EMAIL", "SMS"],
    }),
  );
  const msgs = await outbox(s, pool, "dave");
  assert.equal(msgs.length, 2);
  const email = msgs.find((m) => m.medium === "EMAIL");
  const sms = msgs.find((m) => m.medium === "SMS");
  assert.ok(email && sms);
  const pw = email.code ?? "";
  assert.match(pw, /[A-Z]/);
  assert.match(pw, /[a-z]/);
  assert.match(pw, /[0-9]/);
  assert.ok(pw.length >= 8);
  assert.equal(email.purpose, "INVITATION");
  assert.equal(email.destination, "dave@example.com");
  assert.equal(email.subject, "Welcome aboard");
  assert.equal(email.body, `Hello dave, your code is ${pw}`);
  assert.equal(sms.destination, "+15555550100");
  assert.equal(sms.body, `User dave pw ${pw}`);
  assert.equal(sms.subject, null);
});

test("DesiredDeliveryMediums defaults to SMS; a medium without a destination is skipped", async () => {
  const pool = await createPool(s);
  await s.client.send(
    new AdminCreateUserCommand({
      UserPoolId: pool,
      Username: "emailonly",
      UserAttributes: [{ Name: "email", Value: "e@example.com" }],
    }),
  );
  assert.deepEqual(await outbox(s, pool, "emailonly"), []);
  await s.client.send(
    new AdminCreateUserCommand({
      UserPoolId: pool,
      Username: "phone",
      UserAttributes: [{ Name: "phone_number", Value: "+15555550101" }],
    }),
  );
  const [m] = await outbox(s, pool, "phone");
  assert.equal(m?.medium, "SMS");
  assert.equal(m?.body, `Your username is phone and temporary password is ${m?.code}.`);
});

test("MessageAction RESEND: new temporary password for FORCE_CHANGE_PASSWORD users only", async () => {
  const pool = await createPool(s);
  const email = [{ Name: "email", Value: "r@example.com" }];
  await createUser(s, pool, "resend", { UserAttributes: email });
  const first = await s.app.services.store.users.findByUsername(pool, "resend");
  const resent = await s.client.send(
    new AdminCreateUserCommand({
      UserPoolId: pool,
      Username: "resend",
      MessageAction: "RESEND",
      DesiredDeliveryMediums: ["EMAIL"],
    }),
  );
  assert.equal(resent.User?.Username, "resend");
  assert.equal(resent.User?.UserStatus, "FORCE_CHANGE_PASSWORD");
  const [m] = await outbox(s, pool, "resend");
  assert.equal(m?.purpose, "INVITATION");
  const second = await s.app.services.store.users.findByUsername(pool, "resend");
  assert.notEqual(second?.credential, first?.credential, "a new temporary password");
  assert.ok((second?.credentialSetAt ?? 0) >= (first?.credentialSetAt ?? 0));

  await expectCognitoError(
    s.client.send(
      new AdminCreateUserCommand({ UserPoolId: pool, Username: "ghost", MessageAction: "RESEND" }),
    ),
    ...NOT_FOUND,
  );
  await s.client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: pool,
      Username: "resend",
      Password: "Perm-Passw0rd!",
      Permanent: true,
    }),
  );
  await expectCognitoError(
    s.client.send(
      new AdminCreateUserCommand({ UserPoolId: pool, Username: "resend", MessageAction: "RESEND" }),
    ),
    "UnsupportedUserStateException",
    "Resend not possible. resend status is not FORCE_CHANGE_PASSWORD",
  );
});

test("username-attribute pool: the username is generated (= sub), the email is the sign-in name", async () => {
  const pool = await createPool(s, { UsernameAttributes: ["email"] });
  const user = await createUser(s, pool, "Erin@Example.com");
  const sub = attr(user.Attributes, "sub");
  assert.equal(user.Username, sub);
  assert.equal(attr(user.Attributes, "email"), "Erin@Example.com");
  assert.equal((await getUser(pool, "Erin@Example.com")).Username, sub);
  assert.equal((await getUser(pool, sub ?? "")).Username, sub);
  await expectCognitoError(
    createUser(s, pool, "Erin@Example.com"),
    "UsernameExistsException",
    "An account with the given email already exists.",
  );
  await expectCognitoError(
    createUser(s, pool, "plainname"),
    "InvalidParameterException",
    "Username should be an email.",
  );
  const phonePool = await createPool(s, { UsernameAttributes: ["phone_number"] });
  assert.equal(
    (await rejectionOf(createUser(s, phonePool, "a@b.c"))).message,
    "Username should be a phone number.",
  );
  const both = await createPool(s, { UsernameAttributes: ["email", "phone_number"] });
  const p = await createUser(s, both, "+15555550102");
  assert.equal(attr(p.Attributes, "phone_number"), "+15555550102");
  assert.equal(
    (await rejectionOf(createUser(s, both, "plain"))).message,
    "Username should be either an email or a phone number.",
  );
});

test("username-attribute pool: the invitation names the email as the username", async () => {
  const pool = await createPool(s, { UsernameAttributes: ["email"] });
  const out = await s.client.send(
    new AdminCreateUserCommand({
      UserPoolId: pool,
      Username: "inv@example.com",
      DesiredDeliveryMediums: ["EMAIL"],
    }),
  );
  const [m] = await outbox(s, pool, out.User?.Username);
  assert.equal(m?.body, `Your username is inv@example.com and temporary password is ${m?.code}.`);
});

test("alias pool: email-shaped usernames refused; verified aliases resolve; clashes need ForceAliasCreation", async () => {
  const pool = await createPool(s, { AliasAttributes: ["email", "preferred_username"] });
  await expectCognitoError(
    createUser(s, pool, "x@example.com"),
    "InvalidParameterException",
    "Username cannot be of email format, since user pool is configured for email alias.",
  );
  const verified = [
    { Name: "email", Value: "shared@example.com" },
    { Name: "email_verified", Value: "true" },
  ];
  await createUser(s, pool, "first", { UserAttributes: verified });
  assert.equal((await getUser(pool, "shared@example.com")).Username, "first");

  await expectCognitoError(
    createUser(s, pool, "second", { UserAttributes: verified }),
    "AliasExistsException",
    "An account with the given email already exists.",
  );
  await expectCognitoError(getUser(pool, "second"), ...NOT_FOUND, "the refused create wrote nothing");

  // An unverified email is not an alias: no clash, and no lookup by it.
  await createUser(s, pool, "third", {
    UserAttributes: [{ Name: "email", Value: "shared@example.com" }],
  });
  assert.equal((await getUser(pool, "shared@example.com")).Username, "first");

  await createUser(s, pool, "second", { UserAttributes: verified, ForceAliasCreation: true });
  assert.equal((await getUser(pool, "shared@example.com")).Username, "second");
  const old = await getUser(pool, "first");
  assert.equal(attr(old.UserAttributes, "email_verified"), "false");
  assert.equal(attr(old.UserAttributes, "email"), "shared@example.com");

  // preferred_username is an alias too, and ForceAliasCreation does not move it.
  await createUser(s, pool, "p1", { UserAttributes: [{ Name: "preferred_username", Value: "nick" }] });
  assert.equal((await getUser(pool, "nick")).Username, "p1");
  await expectCognitoError(
    createUser(s, pool, "p2", {
      UserAttributes: [{ Name: "preferred_username", Value: "nick" }],
      ForceAliasCreation: true,
    }),
    "AliasExistsException",
  );
});

test("case-insensitive pool: one user per case-folded name, shown as created", async () => {
  const pool = await createPool(s, { UsernameConfiguration: { CaseSensitive: false } });
  await createUser(s, pool, "MixedCase");
  assert.equal((await getUser(pool, "mixedcase")).Username, "MixedCase");
  await expectCognitoError(createUser(s, pool, "MIXEDCASE"), "UsernameExistsException");
  const sensitive = await createPool(s);
  await createUser(s, sensitive, "MixedCase");
  await expectCognitoError(getUser(sensitive, "mixedcase"), ...NOT_FOUND);
  await createUser(s, sensitive, "mixedcase");
});

test("AdminSetUserPassword: Permanent → CONFIRMED, temporary → FORCE_CHANGE_PASSWORD, policy wording", async () => {
  const pool = await createPool(s);
  await createUser(s, pool, "pw");
  const set = (Password: string, Permanent?: boolean, Username = "pw") =>
    s.client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username, Password, Permanent }));
  await set("Perm-Passw0rd!", true);
  assert.equal((await getUser(pool, "pw")).UserStatus, "CONFIRMED");
  await set("Temp-Passw0rd?", false);
  assert.equal((await getUser(pool, "pw")).UserStatus, "FORCE_CHANGE_PASSWORD");
  await set("Temp-Passw0rd#");
  assert.equal((await getUser(pool, "pw")).UserStatus, "FORCE_CHANGE_PASSWORD");
  await expectCognitoError(
    set("alllowercase1!", true),
    "InvalidPasswordException",
    "Password does not conform to policy: Password must have uppercase characters",
  );
  await expectCognitoError(
    set("NoSymbols123", true),
    "InvalidPasswordException",
    "Password does not conform to policy: Password must have symbol characters",
  );
  assert.equal(
    (await getUser(pool, "pw")).UserStatus,
    "FORCE_CHANGE_PASSWORD",
    "a refused call changes nothing",
  );
  await expectCognitoError(set("Perm-Passw0rd!", true, "ghost"), ...NOT_FOUND);
});

test("AdminDisableUser / AdminEnableUser toggle Enabled, visible in AdminGetUser and ListUsers", async () => {
  const pool = await createPool(s);
  await createUser(s, pool, "toggle");
  await s.client.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: "toggle" }));
  assert.equal((await getUser(pool, "toggle")).Enabled, false);
  const listed = await s.client.send(
    new ListUsersCommand({ UserPoolId: pool, Filter: 'status = "Disabled"' }),
  );
  assert.deepEqual(
    listed.Users?.map((u) => [u.Username, u.Enabled]),
    [["toggle", false]],
  );
  const stored = await s.app.services.store.users.findByUsername(pool, "toggle");
  assert.equal(typeof stored?.meta.tokensRevokedBefore, "number", "access tokens minted so far are revoked");
  await s.client.send(new AdminEnableUserCommand({ UserPoolId: pool, Username: "toggle" }));
  assert.equal((await getUser(pool, "toggle")).Enabled, true);
  for (const cmd of [AdminDisableUserCommand, AdminEnableUserCommand]) {
    await expectCognitoError(s.client.send(new cmd({ UserPoolId: pool, Username: "ghost" })), ...NOT_FOUND);
  }
});

test("AdminConfirmSignUp confirms UNCONFIRMED users only, naming the actual status otherwise", async () => {
  const pool = await createPool(s);
  const { store, clock } = s.app.services;
  const record = await store.pools.get(pool);
  assert.ok(record);
  // SignUp belongs to another operation; an UNCONFIRMED user is placed directly in the store.
  await store.users.create(
    newUserRecord({
      pool: record,
      username: "pending",
      attributes: {},
      status: "UNCONFIRMED",
      now: clock.now(),
    }),
  );
  const confirm = (Username: string) =>
    s.client.send(new AdminConfirmSignUpCommand({ UserPoolId: pool, Username }));
  await confirm("pending");
  assert.equal((await getUser(pool, "pending")).UserStatus, "CONFIRMED");
  await expectCognitoError(
    confirm("pending"),
    "NotAuthorizedException",
    "User cannot be confirmed. Current status is CONFIRMED",
  );
  await createUser(s, pool, "invited");
  await expectCognitoError(
    confirm("invited"),
    "NotAuthorizedException",
    "User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD",
  );
  await expectCognitoError(confirm("ghost"), ...NOT_FOUND);
});

test("AdminDeleteUser removes the user (and its alias); a second delete is UserNotFoundException", async () => {
  const pool = await createPool(s, { AliasAttributes: ["email"] });
  const verified = [
    { Name: "email", Value: "gone@example.com" },
    { Name: "email_verified", Value: "true" },
  ];
  await createUser(s, pool, "gone", { UserAttributes: verified });
  await s.client.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: "gone@example.com" }));
  await expectCognitoError(getUser(pool, "gone"), ...NOT_FOUND);
  await expectCognitoError(
    s.client.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: "gone" })),
    ...NOT_FOUND,
  );
  await createUser(s, pool, "again", { UserAttributes: verified });
  assert.equal((await getUser(pool, "gone@example.com")).Username, "again", "the alias was freed");
});

test("GetCSVHeader lists the standard columns and the pool's custom attributes", async () => {
  const pool = await createPool(s, { Schema: [{ Name: "tenant", AttributeDataType: "String" }] });
  const out = await s.client.send(new GetCSVHeaderCommand({ UserPoolId: pool }));
  assert.equal(out.UserPoolId, pool);
  assert.equal(out.CSVHeader?.[0], "cognito:username");
  assert.ok(out.CSVHeader?.includes("cognito:mfa_enabled"));
  assert.equal(out.CSVHeader?.at(-1), "custom:tenant");
  assert.equal(out.CSVHeader?.length, 22);
});
