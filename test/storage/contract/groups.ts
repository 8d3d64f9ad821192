import assert from "node:assert/strict";
import type { GroupRecord } from "../../../src/storage/ports.ts";
import { UniqueViolation } from "../../../src/storage/ports.ts";
import type { StoreTest } from "./fixtures.ts";
import { poolRecord, userRecord } from "./fixtures.ts";

const groupRecord = (poolId: string, name: string, over: Partial<GroupRecord> = {}): GroupRecord => ({
  poolId,
  name,
  description: null,
  roleArn: null,
  precedence: null,
  createdAt: 1_700_000_000_000,
  modifiedAt: 1_700_000_000_000,
  ...over,
});

export function groupTests(it: StoreTest): void {
  it("groups: create, get (exact case), update, unique ignoring case, delete", async (s) => {
    await s.pools.create(poolRecord("p1"));
    const g = groupRecord("p1", "Admins", {
      description: "d",
      roleArn: "arn:aws:iam::111111111111:role/r",
      precedence: 2147483647,
    });
    await s.groups.create(g);
    assert.deepEqual(await s.groups.get("p1", "Admins"), g);
    assert.equal(await s.groups.get("p1", "admins"), null);
    assert.equal(await s.groups.get("p2", "Admins"), null);
    for (const clash of ["Admins", "ADMINS"]) {
      await assert.rejects(
        s.groups.create(groupRecord("p1", clash)),
        (e) => e instanceof UniqueViolation && e.what === "other",
      );
    }
    await s.groups.create(groupRecord("p2", "admins"));
    const changed = { ...g, description: null, precedence: 0, modifiedAt: g.modifiedAt + 1 };
    assert.equal(await s.groups.update(changed), true);
    assert.deepEqual(await s.groups.get("p1", "Admins"), changed);
    assert.equal(await s.groups.update(groupRecord("p1", "none")), false);
    assert.equal(await s.groups.count("p1"), 1);
    assert.equal(await s.groups.delete("p1", "Admins"), true);
    assert.equal(await s.groups.delete("p1", "Admins"), false);
    assert.equal(await s.groups.get("p1", "Admins"), null);
  });

  it("groups: list pages in name order; memberships indexed both ways, idempotent", async (s) => {
    await s.pools.create(poolRecord("p1"));
    for (const n of ["c", "a", "b", "d"]) await s.groups.create(groupRecord("p1", n));
    assert.deepEqual(
      (await s.groups.list("p1", 2)).map((g) => g.name),
      ["a", "b"],
    );
    assert.deepEqual(
      (await s.groups.list("p1", 5, "b")).map((g) => g.name),
      ["c", "d"],
    );
    const users = [userRecord("p1", "u1"), userRecord("p1", "u2"), userRecord("p1", "u3")];
    for (const u of users) await s.users.create(u);
    const [u1, u2, u3] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0]];
    await s.groups.addMember("p1", "a", u1.sub);
    await s.groups.addMember("p1", "a", u1.sub);
    await s.groups.addMember("p1", "a", u2.sub);
    await s.groups.addMember("p1", "c", u1.sub);
    await s.groups.addMember("p1", "b", u1.sub);
    assert.equal(await s.groups.isMember("p1", "a", u1.sub), true);
    assert.equal(await s.groups.isMember("p1", "a", u3.sub), false);
    assert.deepEqual(
      (await s.groups.groupsOf("p1", u1.sub, 10)).map((g) => g.name),
      ["a", "b", "c"],
    );
    assert.deepEqual(
      (await s.groups.groupsOf("p1", u1.sub, 1, "a")).map((g) => g.name),
      ["b"],
    );
    assert.equal(await s.groups.countGroupsOf("p1", u1.sub), 3);
    const members = (await s.groups.membersOf("p1", "a", 10)).map((u) => u.sub);
    assert.deepEqual(members, [u1.sub, u2.sub].sort());
    const firstMember = members[0] ?? "";
    assert.deepEqual(
      (await s.groups.membersOf("p1", "a", 10, firstMember)).map((u) => u.sub),
      members.slice(1),
    );
    assert.deepEqual(
      (await s.groups.membersOf("p1", "a", 10))[0]?.username,
      firstMember === u1.sub ? "u1" : "u2",
    );
    assert.equal(await s.groups.removeMember("p1", "c", u1.sub), true);
    assert.equal(await s.groups.removeMember("p1", "c", u1.sub), false);

    // Deleting a user drops its memberships; deleting a group drops its members.
    assert.equal(await s.users.delete("p1", u2.sub), true);
    assert.deepEqual(
      (await s.groups.membersOf("p1", "a", 10)).map((u) => u.sub),
      [u1.sub],
    );
    assert.equal(await s.groups.countGroupsOf("p1", u2.sub), 0);
    assert.equal(await s.groups.delete("p1", "a"), true);
    assert.deepEqual(
      (await s.groups.groupsOf("p1", u1.sub, 10)).map((g) => g.name),
      ["b"],
    );
    await s.groups.create(groupRecord("p1", "a"));
    assert.deepEqual(
      await s.groups.membersOf("p1", "a", 10),
      [],
      "a new group of the same name starts empty",
    );

    // Deleting the pool removes every group and membership.
    assert.equal(await s.pools.delete("p1"), true);
    assert.equal(await s.groups.count("p1"), 0);
    assert.equal(await s.groups.countGroupsOf("p1", u1.sub), 0);
  });
}
