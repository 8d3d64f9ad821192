import assert from "node:assert/strict";
import { UniqueViolation } from "../../../src/storage/ports.ts";
import type { StoreTest } from "./fixtures.ts";
import {
  clientRecord,
  codeRecord,
  outboxMessage,
  poolRecord,
  refreshRecord,
  sessionRecord,
  userRecord,
} from "./fixtures.ts";

export function poolTests(it: StoreTest): void {
  it("pools: create, get, update, delete", async (s) => {
    const p = poolRecord("us-east-1_AAA");
    await s.pools.create(p);
    assert.deepEqual(await s.pools.get(p.id), p);
    assert.equal(await s.pools.get("us-east-1_none"), null);
    await assert.rejects(s.pools.create(p), (e) => e instanceof UniqueViolation && e.what === "other");
    const changed = {
      ...p,
      name: "renamed",
      config: { MfaConfiguration: "ON" },
      modifiedAt: p.modifiedAt + 5,
    };
    assert.equal(await s.pools.update(changed), true);
    assert.deepEqual(await s.pools.get(p.id), changed);
    assert.equal(await s.pools.update(poolRecord("us-east-1_none")), false);
    assert.equal(await s.pools.delete(p.id), true);
    assert.equal(await s.pools.get(p.id), null);
    assert.equal(await s.pools.delete(p.id), false);
  });

  it("pools: updateIfUnchanged writes only over the config it read", async (s) => {
    const p = poolRecord("us-east-1_CAS", { config: { UserPoolTags: { a: "1" }, Nested: { x: [1, 2] } } });
    await s.pools.create(p);
    const read = await s.pools.get(p.id);
    assert.ok(read);
    const first = { ...read, config: { ...read.config, UserPoolTags: { a: "1", b: "2" } }, modifiedAt: 1 };
    const second = { ...read, config: { ...read.config, UserPoolTags: { a: "1", c: "3" } }, modifiedAt: 2 };
    assert.equal(await s.pools.updateIfUnchanged(first, read), true);
    assert.equal(
      await s.pools.updateIfUnchanged(second, read),
      false,
      "the config changed since it was read",
    );
    assert.deepEqual(await s.pools.get(p.id), first);
    assert.equal(
      await s.pools.updateIfUnchanged(poolRecord("us-east-1_none"), poolRecord("us-east-1_none")),
      false,
    );
  });

  it("pools: list pages in id order and covers every pool once", async (s) => {
    const ids = ["p5", "p1", "p7", "p3", "p2", "p6", "p4"];
    for (const id of ids) await s.pools.create(poolRecord(id));
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await s.pools.list(3, after);
      assert.ok(page.length <= 3);
      if (page.length === 0) break;
      seen.push(...page.map((p) => p.id));
      after = page[page.length - 1]?.id;
    }
    assert.deepEqual(seen, [...ids].sort());
  });

  it("pools: delete takes the pool's clients, users, codes, sessions, tokens and messages with it", async (s) => {
    for (const id of ["gone", "kept"]) {
      await s.pools.create(poolRecord(id));
      await s.clients.create(clientRecord(id, `${id}-client`));
      const u = userRecord(id, "alice", { sub: `${id}-sub` });
      await s.users.create(u);
      await s.codes.put(codeRecord(id, u.sub, "SIGN_UP", "h"));
      await s.sessions.put(sessionRecord(`${id}-session`, id));
      await s.tokens.putRefresh(refreshRecord(`${id}-rt`, id, u.sub, `${id}-origin`));
      await s.outbox.add(outboxMessage(`${id}-msg`, id));
    }
    assert.equal(await s.pools.delete("gone"), true);
    assert.equal(await s.clients.find("gone-client"), null);
    assert.equal(await s.users.count("gone"), 0);
    assert.equal(await s.users.findBySub("gone", "gone-sub"), null);
    assert.equal(await s.codes.get("gone", "gone-sub", "SIGN_UP"), null);
    assert.equal(await s.sessions.get("gone-session"), null);
    assert.equal(await s.tokens.getRefresh("gone-rt"), null);
    assert.deepEqual(await s.outbox.list("gone"), []);

    assert.notEqual(await s.clients.find("kept-client"), null);
    assert.equal(await s.users.count("kept"), 1);
    assert.notEqual(await s.codes.get("kept", "kept-sub", "SIGN_UP"), null);
    assert.notEqual(await s.sessions.get("kept-session"), null);
    assert.notEqual(await s.tokens.getRefresh("kept-rt"), null);
    assert.equal((await s.outbox.list("kept")).length, 1);
  });
}

export function clientTests(it: StoreTest): void {
  it("clients: create, get, find, update, delete", async (s) => {
    const c = clientRecord("pool1", "client1", { secret: "sealed-secret" });
    const pub = clientRecord("pool1", "client2");
    await s.clients.create(c);
    await s.clients.create(pub);
    assert.deepEqual(await s.clients.get("pool1", "client1"), c);
    assert.deepEqual(await s.clients.get("pool1", "client2"), pub);
    assert.equal(await s.clients.get("pool2", "client1"), null, "a client belongs to one pool");
    assert.deepEqual(await s.clients.find("client1"), c);
    assert.equal(await s.clients.find("nope"), null);
    await assert.rejects(
      s.clients.create(clientRecord("pool2", "client1")),
      (e) => e instanceof UniqueViolation && e.what === "other",
    );
    const changed = { ...c, config: { ClientName: "renamed" }, secret: null, modifiedAt: c.modifiedAt + 1 };
    assert.equal(await s.clients.update(changed), true);
    assert.deepEqual(await s.clients.find("client1"), changed);
    assert.equal(await s.clients.update({ ...changed, poolId: "pool2" }), false);
    assert.equal(await s.clients.delete("pool2", "client1"), false);
    assert.equal(await s.clients.delete("pool1", "client1"), true);
    assert.equal(await s.clients.find("client1"), null);
    assert.equal(await s.clients.delete("pool1", "client1"), false);
  });

  it("clients: findWithPool reads a client and its pool together, or nothing when either is missing", async (s) => {
    const p = poolRecord("us-east-1_JOIN");
    const c = clientRecord(p.id, "joined", { secret: "sealed-secret" });
    await s.pools.create(p);
    await s.clients.create(c);
    await s.clients.create(clientRecord("us-east-1_NOPOOL", "orphan"));
    assert.deepEqual(await s.clients.findWithPool("joined"), { client: c, pool: p });
    assert.deepEqual(await s.clients.findWithPool("joined"), {
      client: await s.clients.find("joined"),
      pool: await s.pools.get(p.id),
    });
    assert.equal(await s.clients.findWithPool("nope"), null);
    assert.equal(await s.clients.findWithPool("orphan"), null, "a client whose pool is gone is not found");
  });

  it("clients: swapSecret is a compare-and-set; of 10 concurrent swaps from one value exactly one lands", async (s) => {
    await s.clients.create(clientRecord("pool1", "client1", { secret: "v1" }));
    assert.equal(
      await s.clients.swapSecret("pool1", "client1", "v0", "v2", 5),
      false,
      "not the current value",
    );
    assert.equal(await s.clients.swapSecret("pool2", "client1", "v1", "v2", 5), false, "another pool");
    assert.equal(await s.clients.swapSecret("pool1", "client1", "v1", "v2", 5), true);
    const after = await s.clients.get("pool1", "client1");
    assert.deepEqual([after?.secret, after?.modifiedAt], ["v2", 5]);
    const all = await Promise.all(
      Array.from({ length: 10 }, (_, i) => s.clients.swapSecret("pool1", "client1", "v2", `w${i}`, 6)),
    );
    assert.equal(all.filter(Boolean).length, 1);
    await s.clients.create(clientRecord("pool1", "pub"));
    assert.equal(await s.clients.swapSecret("pool1", "pub", null, "x", 7), true, "null expects no secret");
    assert.equal(await s.clients.swapSecret("pool1", "pub", null, "y", 8), false);
    assert.equal(await s.clients.swapSecret("pool1", "pub", "x", null, 9), true);
    assert.equal((await s.clients.get("pool1", "pub"))?.secret, null);
  });

  it("clients: list pages one pool's clients in id order", async (s) => {
    const ids = ["c4", "c1", "c5", "c3", "c2"];
    for (const id of ids) await s.clients.create(clientRecord("pool1", id));
    await s.clients.create(clientRecord("pool2", "c0"));
    await s.clients.create(clientRecord("pool2", "c9"));
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await s.clients.list("pool1", 2, after);
      assert.ok(page.length <= 2);
      if (page.length === 0) break;
      assert.ok(page.every((c) => c.poolId === "pool1"));
      seen.push(...page.map((c) => c.clientId));
      after = page[page.length - 1]?.clientId;
    }
    assert.deepEqual(seen, [...ids].sort());
  });
}
