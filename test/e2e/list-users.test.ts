import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  ListUsersCommand,
  type ListUsersCommandInput,
  type UserType,
} from "@aws-sdk/client-cognito-identity-provider";
import { attr, createPool, createUser, expectCognitoError, rejectionOf } from "../helpers/fixtures.ts";
import { rawCall, startTestServer, type TestServer } from "../helpers/server.ts";

let s: TestServer;
let pool: string;
const N = 45;

before(async () => {
  s = await startTestServer();
  pool = await createPool(s, { UsernameConfiguration: { CaseSensitive: false } });
  for (let i = 0; i < N; i++) {
    const n = String(i).padStart(2, "0");
    await createUser(s, pool, `user${n}`, {
      UserAttributes: [
        { Name: "email", Value: `user${n}@${i % 3 === 0 ? "alpha" : "beta"}.example` },
        { Name: "given_name", Value: i % 2 === 0 ? "Even" : "Odd" },
        { Name: "family_name", Value: `Fam${n}` },
        { Name: "name", Value: `Name ${n}` },
        { Name: "phone_number", Value: `+1555000${String(i).padStart(4, "0")}` },
        { Name: "preferred_username", Value: `pref${n}` },
      ],
    });
  }
  await createUser(s, pool, "Quoted", {
    UserAttributes: [
      { Name: "name", Value: 'Say "hi" \\ bye' },
      { Name: "email", Value: "quoted@gamma.example" },
    ],
  });
  await s.client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: pool,
      Username: "user07",
      Password: "Perm-Passw0rd!",
      Permanent: true,
    }),
  );
  await s.client.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: "user08" }));
});
after(() => s.stop());

const list = (input: Partial<ListUsersCommandInput>) =>
  s.client.send(new ListUsersCommand({ UserPoolId: pool, ...input }));

/** Every page of a listing, following PaginationToken. */
async function all(input: Partial<ListUsersCommandInput>): Promise<UserType[]> {
  const users: UserType[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const out = await list({ ...input, ...(token ? { PaginationToken: token } : {}) });
    users.push(...(out.Users ?? []));
    token = out.PaginationToken;
    assert.ok(++pages < 100);
  } while (token);
  return users;
}

const names = (users: UserType[] | undefined) => (users ?? []).map((u) => u.Username).sort();

test("no filter lists every user exactly once across pages; Limit defaults to 60", async () => {
  const first = await list({});
  assert.equal(first.Users?.length, N + 1);
  assert.equal(first.PaginationToken, undefined);
  for (const limit of [1, 7, 10, 46]) {
    const users = await all({ Limit: limit });
    assert.equal(users.length, N + 1, `Limit ${limit}`);
    assert.equal(new Set(users.map((u) => u.Username)).size, N + 1, `Limit ${limit}: no duplicates`);
  }
  const page = await list({ Limit: 10 });
  assert.equal(page.Users?.length, 10);
  assert.ok(page.PaginationToken);
  assert.equal((await list({ Limit: 0 })).Users?.length, N + 1, "Limit 0 means the default");
  assert.equal((await list({ Filter: "" })).Users?.length, N + 1, "an empty filter means all");
});

test("= and ^= on every searchable attribute", async () => {
  const one = async (Filter: string) => names((await list({ Filter })).Users);
  assert.deepEqual(await one('username = "user03"'), ["user03"]);
  assert.deepEqual(await one('username ^= "user4"'), ["user40", "user41", "user42", "user43", "user44"]);
  assert.deepEqual(await one('email = "user05@beta.example"'), ["user05"]);
  assert.equal((await all({ Filter: 'email ^= "user1"' })).length, 10);
  assert.deepEqual(await one('phone_number = "+15550000012"'), ["user12"]);
  assert.deepEqual(
    await one('phone_number ^= "+1555000000"'),
    names(Array.from({ length: 10 }, (_, i) => ({ Username: `user0${i}` }))),
  );
  assert.deepEqual(await one('name = "Name 21"'), ["user21"]);
  assert.equal((await all({ Filter: 'given_name = "Even"' })).length, 23);
  assert.equal((await all({ Filter: 'given_name^="Od"' })).length, 22);
  assert.deepEqual(await one('family_name = "Fam33"'), ["user33"]);
  assert.deepEqual(await one('preferred_username = "pref44"'), ["user44"]);
  assert.deepEqual(await one('cognito:user_status = "CONFIRMED"'), ["user07"]);
  assert.deepEqual(
    await one('cognito:user_status = "confirmed"'),
    ["user07"],
    "user status is case-insensitive",
  );
  assert.equal((await all({ Filter: 'cognito:user_status ^= "FORCE"' })).length, N);
  assert.deepEqual(await one('status = "Disabled"'), ["user08"]);
  assert.equal((await all({ Filter: 'status = "Enabled"' })).length, N);
  assert.deepEqual(await one('status = "disabled"'), [], "status is case-sensitive");
  const sub = attr((await list({ Filter: 'username = "user09"' })).Users?.[0]?.Attributes, "sub") ?? "";
  assert.deepEqual(await one(`sub = "${sub}"`), ["user09"]);
  assert.deepEqual(await one(`sub ^= "${sub.slice(0, 13)}"`), ["user09"]);
  assert.deepEqual(await one('email = "nobody@example.com"'), []);
});

test("usernames are matched as stored (no alias resolution); escaped quotes and backslashes", async () => {
  const one = async (Filter: string) => names((await list({ Filter })).Users);
  assert.deepEqual(await one('username = "Quoted"'), ["Quoted"]);
  assert.deepEqual(await one('username = "pref01"'), [], "an alias is not a username");
  assert.deepEqual(await one('name = "Say \\"hi\\" \\\\ bye"'), ["Quoted"]);
  assert.deepEqual(await one('name ^= "Say \\"h"'), ["Quoted"]);
});

test("prefix filters page through every match exactly once", async () => {
  const users = await all({ Filter: 'email ^= "user"', Limit: 4 });
  assert.equal(users.length, N);
  assert.equal(new Set(users.map((u) => u.Username)).size, N);
  const alpha = await all({ Filter: 'given_name = "Even"', Limit: 5 });
  assert.equal(new Set(alpha.map((u) => u.Username)).size, 23);
});

test("AttributesToGet limits the attributes shown", async () => {
  const out = await list({
    Filter: 'username = "user01"',
    AttributesToGet: ["email", "sub", "custom:unknown"],
  });
  assert.deepEqual(out.Users?.[0]?.Attributes?.map((a) => a.Name).sort(), ["email", "sub"]);
  const none = await list({ Filter: 'username = "user01"', AttributesToGet: [] });
  assert.deepEqual(none.Users?.[0]?.Attributes, []);
  const full = await list({ Filter: 'username = "user01"' });
  assert.ok((full.Users?.[0]?.Attributes?.length ?? 0) > 5);
  assert.equal(full.Users?.[0]?.UserStatus, "FORCE_CHANGE_PASSWORD");
  assert.equal(full.Users?.[0]?.Enabled, true);
});

test("invalid filters and pagination tokens are InvalidParameterException", async () => {
  for (const Filter of [
    "username = foo",
    "username=",
    'username "x"',
    'email == "x"',
    'email = "x" extra',
    '= "x"',
  ]) {
    await expectCognitoError(
      list({ Filter }),
      "InvalidParameterException",
      "Error while parsing filter",
      Filter,
    );
  }
  await expectCognitoError(
    list({ Filter: 'custom:tenant = "x"' }),
    "InvalidParameterException",
    "Invalid search attribute: custom:tenant",
  );
  assert.equal(
    (await rejectionOf(list({ Filter: 'locale = "en"' }))).message,
    "Invalid search attribute: locale",
  );
  for (const PaginationToken of ["garbage", "v1.AAAA", Buffer.from('["a","b"]').toString("base64url")]) {
    await expectCognitoError(
      list({ PaginationToken }),
      "InvalidParameterException",
      "Invalid pagination token.",
    );
  }
  // A token is bound to its pool and filter.
  const token = (await list({ Limit: 2 })).PaginationToken;
  assert.ok(token);
  await expectCognitoError(
    list({ PaginationToken: token, Filter: 'email ^= "user"' }),
    "InvalidParameterException",
  );
  const other = await createPool(s);
  await expectCognitoError(
    s.client.send(new ListUsersCommand({ UserPoolId: other, PaginationToken: token })),
    "InvalidParameterException",
  );
  assert.equal((await list({ Limit: 2, PaginationToken: token })).Users?.length, 2);
  // Limit outside 0–60 and an over-long filter fail model validation.
  const tooMany = await rawCall(s.url, "ListUsers", JSON.stringify({ UserPoolId: pool, Limit: 61 }));
  assert.equal(tooMany.status, 400);
  assert.equal(tooMany.json.__type, "InvalidParameterException");
  const longFilter = await rawCall(
    s.url,
    "ListUsers",
    JSON.stringify({ UserPoolId: pool, Filter: `email = "${"x".repeat(260)}"` }),
  );
  assert.equal(longFilter.json.__type, "InvalidParameterException");
  await expectCognitoError(
    s.client.send(new ListUsersCommand({ UserPoolId: "us-east-1_Nope12345" })),
    "ResourceNotFoundException",
    "User pool us-east-1_Nope12345 does not exist.",
  );
});
