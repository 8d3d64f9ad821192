import assert from "node:assert/strict";
import type { StoreTest } from "./fixtures.ts";
import { outboxMessage } from "./fixtures.ts";

export function outboxTests(it: StoreTest): void {
  it("outbox: add and list, oldest first, by pool and username", async (s) => {
    const m2 = outboxMessage("m2", "pool1", { createdAt: 20, medium: "SMS" });
    const m1 = outboxMessage("m1", "pool1", { createdAt: 10 });
    const m3 = outboxMessage("m3", "pool1", { createdAt: 30, username: "bob", sub: "sub-bob" });
    const other = outboxMessage("m4", "pool2", { createdAt: 5 });
    for (const m of [m2, m1, m3, other]) await s.outbox.add(m);
    assert.deepEqual(await s.outbox.list("pool1"), [m1, m2, m3]);
    assert.deepEqual(await s.outbox.list("pool1", "alice"), [m1, m2]);
    assert.deepEqual(await s.outbox.list("pool1", "nobody"), []);
  });

  it("outbox: claim leases unsent messages oldest first; markSent ends them", async (s) => {
    for (let i = 0; i < 5; i++) await s.outbox.add(outboxMessage(`m${i}`, "pool1", { createdAt: 100 + i }));
    const first = await s.outbox.claim(3, 1000, 500);
    assert.deepEqual(
      first.map((m) => m.id),
      ["m0", "m1", "m2"],
    );
    assert.deepEqual(
      (await s.outbox.claim(10, 1200, 500)).map((m) => m.id),
      ["m3", "m4"],
      "leased messages are not handed out again",
    );
    assert.deepEqual(await s.outbox.claim(10, 1300, 500), []);
    await s.outbox.markSent("m0", 1400);
    await s.outbox.markSent("m1", 1400);
    assert.equal((await s.outbox.list("pool1"))[0]?.sentAt, 1400);
    // m2's lease ran out unsent: it is offered again; sent ones never are.
    assert.deepEqual(
      (await s.outbox.claim(10, 1501, 500)).map((m) => m.id),
      ["m2"],
    );
  });

  it("outbox: countUnsent counts every unsent message, decoys included", async (s) => {
    assert.equal(await s.outbox.countUnsent(), 0);
    await s.outbox.add(outboxMessage("u1", "pool1", { createdAt: 1 }));
    await s.outbox.add(outboxMessage("u2", "pool2", { createdAt: 2, purpose: "DECOY" }));
    await s.outbox.add(outboxMessage("sent", "pool1", { createdAt: 3, sentAt: 5 }));
    assert.equal(await s.outbox.countUnsent(), 2);
    await s.outbox.markSent("u1", 10);
    assert.equal(await s.outbox.countUnsent(), 1);
  });

  it("outbox: concurrent claimers never get the same message", async (s) => {
    for (let i = 0; i < 40; i++) await s.outbox.add(outboxMessage(`m${i}`, "pool1", { createdAt: 100 + i }));
    const batches = await Promise.all(Array.from({ length: 5 }, () => s.outbox.claim(10, 1000, 60_000)));
    const ids = batches.flat().map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length, "no message is claimed twice");
    assert.equal(ids.length, 40, "every message is claimed by someone");
  });

  it("outbox: rows written in clear are listed until sealed, and sealed once", async (s) => {
    const clear = { sealed: false, subject: "Your code", body: "Your code is 123456", code: "123456" };
    await s.outbox.add(outboxMessage("old2", "pool1", { ...clear, createdAt: 20 }));
    await s.outbox.add(outboxMessage("old1", "pool1", { ...clear, createdAt: 10, sentAt: 15 }));
    await s.outbox.add(outboxMessage("new1", "pool1", { createdAt: 5 }));
    assert.deepEqual(
      (await s.outbox.listUnsealed(10)).map((m) => [m.id, m.sealed, m.code]),
      [
        ["old1", false, "123456"],
        ["old2", false, "123456"],
      ],
    );
    assert.deepEqual(
      (await s.outbox.listUnsealed(1)).map((m) => m.id),
      ["old1"],
    );
    assert.equal(await s.outbox.seal("old1", "v1.sealed-old1"), true);
    assert.equal(await s.outbox.seal("old1", "v1.again"), false, "a sealed row is not sealed twice");
    assert.equal(await s.outbox.seal("gone", "v1.x"), false);
    const old1 = (await s.outbox.list("pool1")).find((m) => m.id === "old1");
    assert.deepEqual(old1 && [old1.body, old1.subject, old1.code, old1.sealed, old1.sentAt], [
      "v1.sealed-old1",
      null,
      null,
      true,
      15,
    ]);
    assert.deepEqual(
      (await s.outbox.listUnsealed(10)).map((m) => m.id),
      ["old2"],
    );
  });
}

export function keyTests(it: StoreTest): void {
  it("keys: get, putIfAbsent keeps the first value, put overwrites", async (s) => {
    assert.equal(await s.keys.get("seed"), null);
    assert.equal(await s.keys.putIfAbsent("seed", "v1"), "v1");
    assert.equal(await s.keys.putIfAbsent("seed", "v2"), "v1");
    assert.equal(await s.keys.get("seed"), "v1");
    await s.keys.put("seed", "v3");
    assert.equal(await s.keys.get("seed"), "v3");
    await s.keys.put("fresh", "f");
    assert.equal(await s.keys.get("fresh"), "f");
  });

  it("keys: concurrent putIfAbsent → every caller gets the first writer's value", async (s) => {
    const got = await Promise.all(
      Array.from({ length: 20 }, (_, i) => s.keys.putIfAbsent("signing", `v${i}`)),
    );
    const stored = await s.keys.get("signing");
    assert.ok(stored !== null && /^v\d+$/.test(stored));
    assert.deepEqual(new Set(got), new Set([stored]));
  });
}
