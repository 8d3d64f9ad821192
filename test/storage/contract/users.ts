import assert from "node:assert/strict";
import { UniqueViolation } from "../../../src/storage/ports.ts";
import type { StoreTest } from "./fixtures.ts";
import { codeRecord, countResults, refreshRecord, userRecord } from "./fixtures.ts";

const violation = (what: UniqueViolation["what"]) => (e: unknown) =>
  e instanceof UniqueViolation && e.what === what;

export function userTests(it: StoreTest): void {
  it("users: create round-trips every field and is found by username, sub and alias", async (s) => {
    const u = userRecord("pool1", "Alice", {
      aliases: { email: "alice@example.com", phone_number: "+15550100", preferred_username: "ally" },
      status: "FORCE_CHANGE_PASSWORD",
      enabled: false,
      attributes: {
        email: "Alice@Example.com",
        email_verified: "true",
        name: "Alice Ä",
        "custom:tier": "gold",
      },
      credential: "sealed-credential",
      credentialSetAt: 1_700_000_000_123,
      meta: { tokensRevokedBefore: 1_700_000_000, mfa: { preferred: "SOFTWARE_TOKEN_MFA" } },
      modifiedAt: 1_700_000_000_999,
    });
    await s.users.create(u);
    assert.deepEqual(await s.users.findByUsername("pool1", "alice"), u);
    assert.deepEqual(await s.users.findBySub("pool1", u.sub), u);
    assert.deepEqual(await s.users.findByAlias("pool1", "email", "alice@example.com"), u);
    assert.deepEqual(await s.users.findByAlias("pool1", "phone_number", "+15550100"), u);
    assert.deepEqual(await s.users.findByAlias("pool1", "preferred_username", "ally"), u);
    assert.equal(await s.users.findByUsername("pool1", "Alice"), null, "lookups use the canonical key");
    assert.equal(await s.users.findByUsername("pool2", "alice"), null, "lookups are scoped to the pool");
    assert.equal(await s.users.findBySub("pool2", u.sub), null);
    assert.equal(await s.users.findByAlias("pool1", "email", "nobody@example.com"), null);
  });

  it("users: uniqueness is per pool and reports which rule broke", async (s) => {
    const alice = userRecord("pool1", "alice", {
      aliases: { email: "a@example.com", phone_number: "+15550100", preferred_username: "ally" },
    });
    await s.users.create(alice);
    await assert.rejects(s.users.create(userRecord("pool1", "alice")), violation("username"));
    await assert.rejects(
      s.users.create(userRecord("pool1", "bob", { aliases: { email: "a@example.com" } })),
      violation("email"),
    );
    await assert.rejects(
      s.users.create(userRecord("pool1", "bob", { aliases: { phone_number: "+15550100" } })),
      violation("phone_number"),
    );
    await assert.rejects(
      s.users.create(userRecord("pool1", "bob", { aliases: { preferred_username: "ally" } })),
      violation("preferred_username"),
    );
    await assert.rejects(s.users.create(userRecord("pool1", "bob", { sub: alice.sub })), violation("sub"));
    // Absent aliases never clash; the same names are free in another pool.
    await s.users.create(userRecord("pool1", "bob"));
    await s.users.create(userRecord("pool1", "carol"));
    await s.users.create(userRecord("pool2", "alice", { aliases: alice.aliases }));
    assert.equal(await s.users.count("pool1"), 3);
    assert.equal(await s.users.count("pool2"), 1);
  });

  it("users: concurrent creates of one username → exactly one succeeds", async (s) => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => s.users.create(userRecord("pool1", "racer"))),
    );
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    for (const r of results) if (r.status === "rejected") assert.ok(violation("username")(r.reason));
    assert.equal(await s.users.count("pool1"), 1);
  });

  it("users: save replaces mutable fields, keeps unique rules, false when absent", async (s) => {
    const alice = userRecord("pool1", "alice", { aliases: { email: "a@example.com" } });
    const bob = userRecord("pool1", "bob", { aliases: { email: "b@example.com" } });
    await s.users.create(alice);
    await s.users.create(bob);
    const changed = {
      ...alice,
      username: "Alicia",
      usernameKey: "alicia",
      aliases: { phone_number: "+15550111" },
      status: "RESET_REQUIRED" as const,
      enabled: false,
      attributes: { phone_number: "+15550111", phone_number_verified: "true" },
      credential: "c2",
      credentialSetAt: 5,
      meta: { n: 1 },
      modifiedAt: alice.modifiedAt + 10,
    };
    assert.equal(await s.users.save(changed), true);
    const stored = { ...changed, version: 1 };
    assert.deepEqual(await s.users.findBySub("pool1", alice.sub), stored, "a save adds one to the version");
    assert.deepEqual(await s.users.findByUsername("pool1", "alicia"), stored);
    assert.equal(await s.users.findByUsername("pool1", "alice"), null);
    assert.equal(await s.users.findByAlias("pool1", "email", "a@example.com"), null, "dropped alias is free");

    await assert.rejects(
      s.users.save({ ...bob, aliases: { phone_number: "+15550111" } }),
      violation("phone_number"),
    );
    await assert.rejects(s.users.save({ ...bob, usernameKey: "alicia" }), violation("username"));
    assert.deepEqual(await s.users.findBySub("pool1", bob.sub), bob, "a refused save changes nothing");
    assert.equal(await s.users.save(userRecord("pool1", "ghost")), false);
  });

  it("users: saveTakingAlias moves the alias and unverifies it on the old holder", async (s) => {
    const holder = userRecord("pool1", "holder", {
      aliases: { email: "x@example.com", preferred_username: "nick" },
      attributes: { email: "x@example.com", email_verified: "true", preferred_username: "nick" },
    });
    const taker = userRecord("pool1", "taker", { attributes: { email: "old@example.com" } });
    await s.users.create(holder);
    await s.users.create(taker);
    const moved = {
      ...taker,
      aliases: { email: "x@example.com" },
      attributes: { email: "x@example.com", email_verified: "true" },
      modifiedAt: taker.modifiedAt + 7,
    };
    assert.equal(await s.users.saveTakingAlias(moved, "email", "x@example.com"), true);
    assert.deepEqual(await s.users.findByAlias("pool1", "email", "x@example.com"), { ...moved, version: 1 });
    const old = await s.users.findBySub("pool1", holder.sub);
    assert.deepEqual(old?.aliases, { preferred_username: "nick" });
    assert.deepEqual(old?.attributes, { ...holder.attributes, email_verified: "false" });
    assert.equal(old?.version, 1, "the holder's version moves too");
    assert.equal(await s.users.saveTakingAlias(moved, "email", "x@example.com"), false, "stale taker");

    // preferred_username has no *_verified attribute to clear.
    const nick = { ...moved, version: 1, aliases: { ...moved.aliases, preferred_username: "nick" } };
    assert.equal(await s.users.saveTakingAlias(nick, "preferred_username", "nick"), true);
    const old2 = await s.users.findBySub("pool1", holder.sub);
    assert.deepEqual(old2?.aliases, {});
    assert.deepEqual(old2?.attributes, { ...holder.attributes, email_verified: "false" });
    assert.equal((await s.users.findByAlias("pool1", "preferred_username", "nick"))?.sub, taker.sub);

    // Nobody holds it: a plain save.
    const phone = { ...nick, version: 2, aliases: { ...nick.aliases, phone_number: "+15550199" } };
    assert.equal(await s.users.saveTakingAlias(phone, "phone_number", "+15550199"), true);
    assert.deepEqual(await s.users.findBySub("pool1", taker.sub), { ...phone, version: 3 });
  });

  it("users: save is compare-and-set on the version; a stale save writes nothing", async (s) => {
    const u = userRecord("pool1", "alice", { attributes: { name: "A" } });
    await s.users.create(u);
    assert.equal(await s.users.save({ ...u, enabled: false }), true);
    // A change computed from the version-0 read would undo the disable: refused.
    assert.equal(await s.users.save({ ...u, attributes: { name: "B" } }), false);
    const now = await s.users.findBySub("pool1", u.sub);
    assert.deepEqual(now, { ...u, enabled: false, version: 1 });
    assert.equal(await s.users.save({ ...u, enabled: false, version: 1, attributes: { name: "B" } }), true);
    assert.deepEqual(await s.users.findBySub("pool1", u.sub), {
      ...u,
      enabled: false,
      attributes: { name: "B" },
      version: 2,
    });
  });

  it("users: of 10 concurrent saves from one read exactly one wins", async (s) => {
    const u = userRecord("pool1", "alice");
    await s.users.create(u);
    const saves = Array.from({ length: 10 }, (_, i) => s.users.save({ ...u, attributes: { n: String(i) } }));
    assert.equal(await countResults(saves, true), 1);
    assert.equal((await s.users.findBySub("pool1", u.sub))?.version, 1);
  });

  it("users: saveTakingAlias with a stale taker leaves the holder untouched", async (s) => {
    const holder = userRecord("pool1", "holder", {
      aliases: { email: "x@example.com" },
      attributes: { email: "x@example.com", email_verified: "true" },
    });
    const taker = userRecord("pool1", "taker");
    await s.users.create(holder);
    await s.users.create(taker);
    assert.equal(await s.users.save({ ...taker, enabled: false }), true);
    const moved = { ...taker, aliases: { email: "x@example.com" }, attributes: { email: "x@example.com" } };
    assert.equal(await s.users.saveTakingAlias(moved, "email", "x@example.com"), false);
    assert.deepEqual(await s.users.findBySub("pool1", holder.sub), holder, "rolled back");
    assert.equal((await s.users.findBySub("pool1", taker.sub))?.enabled, false);
  });

  it("users: delete removes the user and its codes and revokes its refresh tokens", async (s) => {
    const u = userRecord("pool1", "alice", { aliases: { email: "a@example.com" } });
    const other = userRecord("pool1", "bob");
    await s.users.create(u);
    await s.users.create(other);
    await s.codes.put(codeRecord("pool1", u.sub, "SIGN_UP", "h1"));
    await s.codes.put(codeRecord("pool1", other.sub, "SIGN_UP", "h2"));
    await s.tokens.putRefresh(refreshRecord("rt1", "pool1", u.sub, "o1"));
    await s.tokens.putRefresh(refreshRecord("rt2", "pool1", other.sub, "o2"));
    assert.equal(await s.users.delete("pool1", u.sub), true);
    assert.equal(await s.users.findBySub("pool1", u.sub), null);
    assert.equal(await s.users.findByUsername("pool1", "alice"), null);
    assert.equal(await s.users.findByAlias("pool1", "email", "a@example.com"), null);
    assert.equal(await s.codes.get("pool1", u.sub, "SIGN_UP"), null);
    assert.notEqual((await s.tokens.getRefresh("rt1"))?.revokedAt ?? null, null);
    assert.notEqual(await s.codes.get("pool1", other.sub, "SIGN_UP"), null);
    assert.equal((await s.tokens.getRefresh("rt2"))?.revokedAt, null);
    assert.equal(await s.users.count("pool1"), 1);
    assert.equal(await s.users.delete("pool1", u.sub), false);
    // The names are free again.
    await s.users.create(userRecord("pool1", "alice", { aliases: { email: "a@example.com" } }));
  });

  it("users.insertMany: one transaction of many rows, found like created ones, searchable", async (s) => {
    await s.users.insertMany([]);
    const batch = Array.from({ length: 905 }, (_, i) =>
      userRecord("pool1", `bulk${String(i).padStart(4, "0")}`, {
        aliases: i % 2 === 0 ? { email: `b${i}@example.com` } : {},
        attributes: { email: `b${i}@example.com`, given_name: `G${i}` },
        credential: `sealed-${i}`,
        credentialSetAt: 1_700_000_000_000 + i,
      }),
    );
    await s.users.insertMany(batch);
    assert.equal(await s.users.count("pool1"), 905);
    for (const i of [0, 399, 400, 800, 904]) {
      const u = batch[i];
      assert.ok(u);
      assert.deepEqual(await s.users.findByUsername("pool1", u.usernameKey), u);
      assert.deepEqual(await s.users.findBySub("pool1", u.sub), u);
    }
    assert.deepEqual(await s.users.findByAlias("pool1", "email", "b800@example.com"), batch[800]);
    const found = await s.users.list("pool1", {
      limit: 10,
      filter: { attribute: "given_name", op: "=", value: "G401" },
    });
    assert.deepEqual(
      found.users.map((u) => u.username),
      ["bulk0401"],
    );
  });

  it("users.insertMany: a clash with a stored user or within the batch inserts none of it", async (s) => {
    await s.users.create(userRecord("pool1", "taken", { aliases: { email: "t@example.com" } }));
    const fresh = (n: number) => Array.from({ length: n }, (_, i) => userRecord("pool1", `fresh${i}`));
    await assert.rejects(
      s.users.insertMany([...fresh(450), userRecord("pool1", "taken")]),
      violation("username"),
    );
    await assert.rejects(
      s.users.insertMany([...fresh(3), userRecord("pool1", "x", { aliases: { email: "t@example.com" } })]),
      violation("email"),
    );
    await assert.rejects(
      s.users.insertMany([userRecord("pool1", "twin"), ...fresh(2), userRecord("pool1", "twin")]),
      violation("username"),
    );
    assert.equal(await s.users.count("pool1"), 1, "nothing of the failed batches was kept");
    await s.users.insertMany(fresh(3));
    assert.equal(await s.users.count("pool1"), 4);
  });
}
