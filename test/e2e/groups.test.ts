import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  DeleteUserPoolCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPool, createUser, expectCognitoError } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** The group operations through the AWS SDK v3 (docs/admin-users.md#groups). */
let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

const ROLE = "arn:aws:iam::111111111111:role/MyNewGroupRole";
const NO_GROUP = ["ResourceNotFoundException", "Group not found."] as const;
const NO_USER = ["UserNotFoundException", "User does not exist."] as const;
const NO_POOL = "us-east-1_NoSuchPool";
const noPool = ["ResourceNotFoundException", `User pool ${NO_POOL} does not exist.`] as const;

test("CreateGroup answers GroupType without the members not given; GetGroup reads it back", async () => {
  const pool = await createPool(s);
  const t0 = Date.now() / 1000;
  const bare = await s.client.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: "plain" }));
  assert.deepEqual(Object.keys(bare.Group ?? {}).sort(), [
    "CreationDate",
    "GroupName",
    "LastModifiedDate",
    "UserPoolId",
  ]);
  assert.ok((bare.Group?.CreationDate?.getTime() ?? 0) / 1000 >= t0 - 1);
  const full = await s.client.send(
    new CreateGroupCommand({
      UserPoolId: pool,
      GroupName: "MyNewGroupWithRole",
      Description: "New group with a role.",
      RoleArn: ROLE,
      Precedence: 2,
    }),
  );
  assert.equal(full.Group?.RoleArn, ROLE);
  assert.equal(full.Group?.Precedence, 2);
  const got = await s.client.send(new GetGroupCommand({ UserPoolId: pool, GroupName: "MyNewGroupWithRole" }));
  assert.deepEqual(got.Group, full.Group);
  // Names are unique ignoring case; lookups are exact.
  for (const GroupName of ["plain", "PLAIN"]) {
    await expectCognitoError(
      s.client.send(new CreateGroupCommand({ UserPoolId: pool, GroupName })),
      "GroupExistsException",
      "A group with the name already exists.",
    );
  }
  await expectCognitoError(
    s.client.send(new GetGroupCommand({ UserPoolId: pool, GroupName: "Plain" })),
    ...NO_GROUP,
  );
  await expectCognitoError(
    s.client.send(new CreateGroupCommand({ UserPoolId: NO_POOL, GroupName: "g" })),
    ...noPool,
  );
});

test("validation: Cognito's messages for GroupName, Precedence, RoleArn, Description and Limit", async () => {
  const pool = await createPool(s);
  await expectCognitoError(
    s.client.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: "" })),
    "InvalidParameterException",
    "2 validation errors detected: Value '' at 'groupName' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]",
  );
  await expectCognitoError(
    s.client.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: "two words" })),
    "InvalidParameterException",
    "1 validation error detected: Value 'two words' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]",
  );
  await expectCognitoError(
    s.client.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: "g", Precedence: -1 })),
    "InvalidParameterException",
    "1 validation error detected: Value '-1' at 'precedence' failed to satisfy constraint: Member must have value greater than or equal to 0",
  );
  await expectCognitoError(
    s.client.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: "g", Precedence: 2 ** 31 })),
    "InvalidParameterException",
    /at 'precedence' failed to satisfy constraint: Member must have value less than or equal to 2147483647$/,
  );
  await s.client.send(
    new CreateGroupCommand({ UserPoolId: pool, GroupName: "max", Precedence: 2 ** 31 - 1 }),
  );
  await expectCognitoError(
    s.client.send(
      new CreateGroupCommand({ UserPoolId: pool, GroupName: "g", RoleArn: "not-an-arn-but-long-enough" }),
    ),
    "InvalidParameterException",
    /^1 validation error detected: Value 'not-an-arn-but-long-enough' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:/,
  );
  await expectCognitoError(
    s.client.send(
      new CreateGroupCommand({ UserPoolId: pool, GroupName: "g", Description: "x".repeat(2049) }),
    ),
    "InvalidParameterException",
    /at 'description' failed to satisfy constraint: Member must have length less than or equal to 2048$/,
  );
  await expectCognitoError(
    s.client.send(new ListGroupsCommand({ UserPoolId: pool, Limit: 61 })),
    "InvalidParameterException",
    "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
  );
  await expectCognitoError(
    s.client.send(new ListGroupsCommand({ UserPoolId: pool, NextToken: "forged" })),
    "InvalidParameterException",
    "Invalid pagination token.",
  );
  // A wrong type is a 400, never a 500.
  await expectCognitoError(
    s.client.send(
      new CreateGroupCommand({ UserPoolId: pool, GroupName: "g", Precedence: "high" as unknown as number }),
    ),
    "InvalidParameterException",
  );
});

test("UpdateGroup changes only the members given; unknown groups are ResourceNotFoundException", async () => {
  const pool = await createPool(s);
  const created = await s.client.send(
    new CreateGroupCommand({
      UserPoolId: pool,
      GroupName: "g",
      Description: "d",
      RoleArn: ROLE,
      Precedence: 1,
    }),
  );
  await new Promise((r) => setTimeout(r, 5));
  const updated = await s.client.send(
    new UpdateGroupCommand({ UserPoolId: pool, GroupName: "g", Description: "new", Precedence: 7 }),
  );
  assert.equal(updated.Group?.Description, "new");
  assert.equal(updated.Group?.Precedence, 7);
  assert.equal(updated.Group?.RoleArn, ROLE);
  assert.equal(updated.Group?.CreationDate?.getTime(), created.Group?.CreationDate?.getTime());
  assert.ok(
    (updated.Group?.LastModifiedDate?.getTime() ?? 0) > (created.Group?.LastModifiedDate?.getTime() ?? 0),
  );
  assert.deepEqual(
    (await s.client.send(new GetGroupCommand({ UserPoolId: pool, GroupName: "g" }))).Group,
    updated.Group,
  );
  await expectCognitoError(
    s.client.send(new UpdateGroupCommand({ UserPoolId: pool, GroupName: "G" })),
    ...NO_GROUP,
  );
  await expectCognitoError(
    s.client.send(new DeleteGroupCommand({ UserPoolId: pool, GroupName: "none" })),
    ...NO_GROUP,
  );
  await expectCognitoError(
    s.client.send(new GetGroupCommand({ UserPoolId: NO_POOL, GroupName: "g" })),
    ...noPool,
  );
});

test("ListGroups pages in name order with NextToken until none remains", async () => {
  const pool = await createPool(s);
  const names = ["delta", "alpha", "echo", "charlie", "bravo"];
  for (const GroupName of names) await s.client.send(new CreateGroupCommand({ UserPoolId: pool, GroupName }));
  const seen: string[] = [];
  let NextToken: string | undefined;
  let pages = 0;
  do {
    const out = await s.client.send(new ListGroupsCommand({ UserPoolId: pool, Limit: 2, NextToken }));
    seen.push(...(out.Groups ?? []).map((g) => g.GroupName ?? ""));
    NextToken = out.NextToken;
    pages++;
  } while (NextToken);
  assert.deepEqual(seen, [...names].sort());
  assert.equal(pages, 3);
  const all = await s.client.send(new ListGroupsCommand({ UserPoolId: pool, Limit: 0 }));
  assert.equal(all.Groups?.length, 5);
  assert.equal(all.NextToken, undefined);
  // A token is bound to its listing: another pool's listing refuses it.
  const first = await s.client.send(new ListGroupsCommand({ UserPoolId: pool, Limit: 1 }));
  const other = await createPool(s);
  await expectCognitoError(
    s.client.send(new ListGroupsCommand({ UserPoolId: other, NextToken: first.NextToken })),
    "InvalidParameterException",
    "Invalid pagination token.",
  );
  await expectCognitoError(s.client.send(new ListGroupsCommand({ UserPoolId: NO_POOL })), ...noPool);
});

test("memberships: add (idempotent, by alias too), list both ways, remove; errors for unknown user and group", async () => {
  const pool = await createPool(s, { AliasAttributes: ["email"] });
  for (const GroupName of ["b", "a", "c"])
    await s.client.send(new CreateGroupCommand({ UserPoolId: pool, GroupName }));
  const names = ["u1", "u2", "u3"];
  for (const n of names) {
    await createUser(s, pool, n, {
      UserAttributes: [
        { Name: "email", Value: `${n}@example.com` },
        { Name: "email_verified", Value: "true" },
      ],
    });
  }
  const add = (Username: string, GroupName: string) =>
    s.client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username, GroupName }));
  assert.deepEqual(
    Object.keys(await add("u1", "a")).filter((k) => k !== "$metadata"),
    [],
  );
  await add("u1", "a");
  await add("u1", "c");
  await add("u1@example.com", "b");
  await add("u2", "a");
  await add("u3", "a");
  const groupsOf = await s.client.send(
    new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: "u1", Limit: 2 }),
  );
  assert.deepEqual(
    groupsOf.Groups?.map((g) => g.GroupName),
    ["a", "b"],
  );
  const rest = await s.client.send(
    new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: "u1", NextToken: groupsOf.NextToken }),
  );
  assert.deepEqual(
    rest.Groups?.map((g) => g.GroupName),
    ["c"],
  );
  assert.equal(rest.NextToken, undefined);
  // The token is bound to its user.
  await expectCognitoError(
    s.client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: "u2", NextToken: groupsOf.NextToken }),
    ),
    "InvalidParameterException",
    "Invalid pagination token.",
  );

  const members: string[] = [];
  let NextToken: string | undefined;
  do {
    const out = await s.client.send(
      new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: "a", Limit: 2, NextToken }),
    );
    for (const u of out.Users ?? []) {
      assert.equal(u.Enabled, true);
      assert.equal(u.UserStatus, "FORCE_CHANGE_PASSWORD");
      members.push(u.Username ?? "");
    }
    NextToken = out.NextToken;
  } while (NextToken);
  assert.deepEqual(members.sort(), names);

  await s.client.send(
    new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, Username: "u1", GroupName: "b" }),
  );
  await s.client.send(
    new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, Username: "u1", GroupName: "b" }),
  );
  const after = await s.client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: "u1" }));
  assert.deepEqual(
    after.Groups?.map((g) => g.GroupName),
    ["a", "c"],
  );

  await expectCognitoError(add("nobody", "a"), ...NO_USER);
  await expectCognitoError(add("u1", "none"), ...NO_GROUP);
  await expectCognitoError(add("nobody", "none"), ...NO_GROUP, "the group is checked first");
  await expectCognitoError(
    s.client.send(
      new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, Username: "nobody", GroupName: "a" }),
    ),
    ...NO_USER,
  );
  await expectCognitoError(
    s.client.send(
      new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, Username: "u1", GroupName: "none" }),
    ),
    ...NO_GROUP,
  );
  await expectCognitoError(
    s.client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: "nobody" })),
    ...NO_USER,
  );
  await expectCognitoError(
    s.client.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: "none" })),
    ...NO_GROUP,
  );
  const calls: (() => Promise<unknown>)[] = [
    () =>
      s.client.send(new AdminAddUserToGroupCommand({ UserPoolId: NO_POOL, Username: "u1", GroupName: "a" })),
    () =>
      s.client.send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId: NO_POOL, Username: "u1", GroupName: "a" }),
      ),
    () => s.client.send(new AdminListGroupsForUserCommand({ UserPoolId: NO_POOL, Username: "u1" })),
    () => s.client.send(new ListUsersInGroupCommand({ UserPoolId: NO_POOL, GroupName: "a" })),
    () => s.client.send(new DeleteGroupCommand({ UserPoolId: NO_POOL, GroupName: "a" })),
    () => s.client.send(new UpdateGroupCommand({ UserPoolId: NO_POOL, GroupName: "a" })),
  ];
  for (const call of calls) await expectCognitoError(call(), ...noPool);
});

test("a user in 100 groups cannot join a 101st (LimitExceededException)", async () => {
  const pool = await createPool(s);
  await createUser(s, pool, "many");
  for (let i = 0; i < 101; i++) {
    await s.client.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: `g${i}` }));
  }
  for (let i = 0; i < 100; i++) {
    await s.client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: "many", GroupName: `g${i}` }),
    );
  }
  await s.client.send(
    new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: "many", GroupName: "g5" }),
  );
  await expectCognitoError(
    s.client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: "many", GroupName: "g100" })),
    "LimitExceededException",
    "User has reached the maximum number of groups.",
  );
});

test("deleting a user, a group or the pool removes the memberships", async () => {
  const pool = await createPool(s);
  for (const GroupName of ["a", "b"])
    await s.client.send(new CreateGroupCommand({ UserPoolId: pool, GroupName }));
  for (const n of ["x", "y"]) {
    await createUser(s, pool, n);
    await s.client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: n, GroupName: "a" }));
    await s.client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: n, GroupName: "b" }));
  }
  await s.client.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: "x" }));
  const inA = await s.client.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: "a" }));
  assert.deepEqual(
    inA.Users?.map((u) => u.Username),
    ["y"],
  );
  // A group with members may be deleted; a new group of that name starts empty.
  await s.client.send(new DeleteGroupCommand({ UserPoolId: pool, GroupName: "a" }));
  await expectCognitoError(
    s.client.send(new GetGroupCommand({ UserPoolId: pool, GroupName: "a" })),
    ...NO_GROUP,
  );
  const ofY = await s.client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: "y" }));
  assert.deepEqual(
    ofY.Groups?.map((g) => g.GroupName),
    ["b"],
  );
  await s.client.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: "a" }));
  const fresh = await s.client.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: "a" }));
  assert.deepEqual(fresh.Users, []);
  await s.client.send(new DeleteUserPoolCommand({ UserPoolId: pool }));
  assert.equal(await s.app.services.store.groups.count(pool), 0);
});
