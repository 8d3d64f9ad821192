import assert from "node:assert/strict";
import type { SearchAttribute, Store, UserQuery, UserRecord } from "../../../src/storage/ports.ts";
import type { StoreTest } from "./fixtures.ts";
import { userRecord } from "./fixtures.ts";

const STATUSES = ["CONFIRMED", "UNCONFIRMED", "FORCE_CHANGE_PASSWORD"] as const;
const FAMILY = ["Smith", "Smith", "Smithers", "Jones", "Śmigły", "smith"];

/** 23 users whose searchable values overlap on purpose (ties, shared prefixes, case, non-ASCII). */
function population(poolId: string): UserRecord[] {
  return Array.from({ length: 23 }, (_, i) => {
    const n = String(i).padStart(2, "0");
    const attributes: Record<string, string> = {
      email: `${i % 2 ? "a" : "b"}${n}@example.com`,
      given_name: i % 3 ? "Ann" : "Bo",
      family_name: FAMILY[i % FAMILY.length] as string,
      name: i % 4 ? `Ann ${n}` : `Élodie ${n}`,
    };
    if (i % 5 !== 0) attributes.phone_number = `+1555${n}00`;
    if (i % 7 === 0) attributes.preferred_username = `pref${n}`;
    return userRecord(poolId, `user${n}`, {
      status: STATUSES[i % STATUSES.length],
      enabled: i % 4 !== 3,
      attributes,
    });
  });
}

/** What ListUsers must return for a filter, computed from the records themselves. */
function value(u: UserRecord, attr: SearchAttribute): string | undefined {
  if (attr === "username") return u.username;
  if (attr === "sub") return u.sub;
  if (attr === "cognito:user_status") return u.status.toLowerCase();
  if (attr === "status") return u.enabled ? "Enabled" : "Disabled";
  return u.attributes[attr];
}

function expected(users: UserRecord[], f: NonNullable<UserQuery["filter"]>): string[] {
  const want = f.attribute === "cognito:user_status" ? f.value.toLowerCase() : f.value;
  return users
    .filter((u) => {
      const v = value(u, f.attribute);
      return v !== undefined && (f.op === "=" ? v === want : v.startsWith(want));
    })
    .map((u) => u.sub)
    .sort();
}

/** Follows `next` to the end, checking page sizes and that no user comes twice. */
async function collect(
  s: Store,
  poolId: string,
  limit: number,
  filter?: UserQuery["filter"],
): Promise<string[]> {
  const subs: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await s.users.list(poolId, filter ? { filter, limit, cursor } : { limit, cursor });
    assert.ok(page.users.length <= limit);
    subs.push(...page.users.map((u) => u.sub));
    if (page.next === undefined) break;
    assert.ok(page.users.length > 0, "a page with a cursor is never empty");
    cursor = page.next;
  }
  assert.equal(new Set(subs).size, subs.length, "no user is listed twice");
  return subs.sort();
}

export function userListTests(it: StoreTest): void {
  it("users: list without a filter pages through every user of the pool exactly once", async (s) => {
    const users = population("pool1");
    for (const u of users) await s.users.create(u);
    await s.users.create(userRecord("pool2", "user01"));
    const all = users.map((u) => u.sub).sort();
    for (const limit of [1, 4, 23, 60])
      assert.deepEqual(await collect(s, "pool1", limit), all, `limit ${limit}`);
    assert.equal(await s.users.count("pool1"), 23);
    assert.equal(await s.users.count("pool3"), 0);
  });

  it("users: list filters with = and ^= on every searchable attribute, across pages", async (s) => {
    const users = population("pool1");
    for (const u of users) await s.users.create(u);
    for (const u of population("pool2")) await s.users.create(u);
    const sub7 = users[7]?.sub ?? "";
    const filters: NonNullable<UserQuery["filter"]>[] = [
      { attribute: "username", op: "=", value: "user07" },
      { attribute: "username", op: "=", value: "USER07" },
      { attribute: "username", op: "^=", value: "user1" },
      { attribute: "email", op: "=", value: "a03@example.com" },
      { attribute: "email", op: "^=", value: "a" },
      { attribute: "email", op: "^=", value: "b1" },
      { attribute: "phone_number", op: "^=", value: "+15551" },
      { attribute: "phone_number", op: "=", value: "+15550500" },
      { attribute: "name", op: "^=", value: "Élodie" },
      { attribute: "name", op: "^=", value: "Ann 1" },
      { attribute: "given_name", op: "=", value: "Bo" },
      { attribute: "family_name", op: "=", value: "Smith" },
      { attribute: "family_name", op: "^=", value: "Smith" },
      { attribute: "family_name", op: "^=", value: "Śm" },
      { attribute: "preferred_username", op: "=", value: "pref14" },
      { attribute: "preferred_username", op: "^=", value: "pref" },
      { attribute: "cognito:user_status", op: "=", value: "confirmed" },
      { attribute: "cognito:user_status", op: "=", value: "Unconfirmed" },
      { attribute: "cognito:user_status", op: "=", value: "FORCE_CHANGE_PASSWORD" },
      { attribute: "cognito:user_status", op: "^=", value: "Force" },
      { attribute: "status", op: "=", value: "Enabled" },
      { attribute: "status", op: "=", value: "Disabled" },
      { attribute: "sub", op: "=", value: sub7 },
      { attribute: "sub", op: "^=", value: sub7.slice(0, 6) },
      { attribute: "email", op: "^=", value: "zzz" },
    ];
    for (const f of filters) {
      const want = expected(users, f);
      for (const limit of [2, 60]) {
        assert.deepEqual(
          await collect(s, "pool1", limit, f),
          want,
          `${f.attribute} ${f.op} "${f.value}" by ${limit}`,
        );
      }
    }
  });

  it("users: list rejects a cursor it did not issue", async (s) => {
    await s.users.create(userRecord("pool1", "alice"));
    await assert.rejects(s.users.list("pool1", { limit: 10, cursor: "not-a-cursor" }));
  });
}
