import assert from "node:assert/strict";
import { type PasskeyRecord, UniqueViolation } from "../../../src/storage/ports.ts";
import type { StoreTest } from "./fixtures.ts";
import { userRecord } from "./fixtures.ts";

const passkey = (
  poolId: string,
  sub: string,
  id: string,
  over: Partial<PasskeyRecord> = {},
): PasskeyRecord => ({
  poolId,
  sub,
  credentialId: id,
  publicKey: "pQECAyYgASFYIB",
  signCount: 0,
  transports: ["internal", "hybrid"],
  attachment: "platform",
  friendlyName: "Platform passkey",
  rpId: "localhost",
  createdAt: 1000,
  ...over,
});

export function passkeyTests(it: StoreTest): void {
  it("passkeys: add, list in creation order, find, and a duplicate id is a UniqueViolation", async (s) => {
    const a = passkey("pool1", "sub1", "b-second", { createdAt: 2000, attachment: null, transports: [] });
    const b = passkey("pool1", "sub1", "a-first");
    await s.passkeys.add(a);
    await s.passkeys.add(b);
    await s.passkeys.add(passkey("pool1", "sub2", "other"));
    await s.passkeys.add(passkey("pool2", "sub1", "a-first"));
    assert.deepEqual(await s.passkeys.listFor("pool1", "sub1"), [b, a]);
    assert.deepEqual(await s.passkeys.find("pool1", "b-second"), a);
    assert.equal(await s.passkeys.find("pool1", "missing"), null);
    await assert.rejects(s.passkeys.add(passkey("pool1", "sub9", "a-first")), UniqueViolation);
  });

  it("passkeys: the sign counter is compare-and-set; 20 at once → one wins", async (s) => {
    await s.passkeys.add(passkey("pool1", "sub1", "c1", { signCount: 5 }));
    assert.equal(await s.passkeys.setSignCount("pool1", "c1", 4, 9), false);
    assert.equal(await s.passkeys.setSignCount("pool1", "c1", 5, 6), true);
    const all = await Promise.all(
      Array.from({ length: 20 }, (_, i) => s.passkeys.setSignCount("pool1", "c1", 6, 7 + i)),
    );
    assert.equal(all.filter(Boolean).length, 1);
    assert.equal(await s.passkeys.setSignCount("pool1", "gone", 0, 1), false);
  });

  it("passkeys: delete only the user's own; deleting the user or the pool removes them", async (s) => {
    await s.passkeys.add(passkey("pool1", "sub1", "c1"));
    assert.equal(await s.passkeys.delete("pool1", "sub2", "c1"), false);
    assert.equal(await s.passkeys.delete("pool1", "sub1", "c1"), true);
    assert.equal(await s.passkeys.delete("pool1", "sub1", "c1"), false);

    const u = userRecord("pool1", "ada");
    await s.users.create(u);
    await s.passkeys.add(passkey("pool1", u.sub, "c2"));
    await s.users.delete("pool1", u.sub);
    assert.deepEqual(await s.passkeys.listFor("pool1", u.sub), []);

    await s.pools.create({ id: "pool3", name: "p", config: {}, createdAt: 1, modifiedAt: 1 });
    await s.passkeys.add(passkey("pool3", "sub1", "c3"));
    await s.pools.delete("pool3");
    assert.equal(await s.passkeys.find("pool3", "c3"), null);
  });
}
