import assert from "node:assert/strict";
import type { DeviceRecord } from "../../../src/storage/ports.ts";
import { UniqueViolation } from "../../../src/storage/ports.ts";
import type { StoreTest } from "./fixtures.ts";
import { poolRecord, userRecord } from "./fixtures.ts";

const device = (
  poolId: string,
  sub: string,
  key: string,
  over: Partial<DeviceRecord> = {},
): DeviceRecord => ({
  poolId,
  deviceKey: key,
  sub,
  groupKey: "-AbCdEfGh",
  verifier: null,
  remembered: false,
  name: null,
  lastIp: null,
  createdAt: 1_700_000_000_000,
  modifiedAt: 1_700_000_000_000,
  lastAuthenticatedAt: 1_700_000_000_000,
  ...over,
});

/** MFA (docs/mfa.md): settings in the user row, the TOTP replay guard, devices. */
export function mfaTests(it: StoreTest): void {
  it("mfa: a user's MFA settings round-trip in meta and are saved by compare-and-set", async (s) => {
    await s.pools.create(poolRecord("p1"));
    const u = userRecord("p1", "ann");
    await s.users.create(u);
    const mfa = {
      sms: true,
      totp: true,
      preferred: "SOFTWARE_TOKEN_MFA",
      totpSecret: "sealed",
      totpName: "phone",
    };
    assert.equal(await s.users.save({ ...u, meta: { mfa } }), true);
    const read = await s.users.findBySub("p1", u.sub);
    assert.deepEqual(read?.meta.mfa, mfa);
    assert.equal(read?.version, 1);
    // A write computed from the stale row is refused, so a concurrent preference change is not lost.
    assert.equal(await s.users.save({ ...u, meta: { mfa: { email: true } } }), false);
    assert.deepEqual((await s.users.findBySub("p1", u.sub))?.meta.mfa, mfa);
  });

  it("mfa: TOTP steps are claimed once, only forward; concurrent claims of one step: exactly one wins", async (s) => {
    await s.pools.create(poolRecord("p1"));
    assert.equal(await s.mfa.claimTotpStep("p1", "u1", 100), true);
    assert.equal(await s.mfa.claimTotpStep("p1", "u1", 100), false);
    assert.equal(await s.mfa.claimTotpStep("p1", "u1", 99), false);
    assert.equal(await s.mfa.claimTotpStep("p1", "u2", 100), true);
    assert.equal(await s.mfa.claimTotpStep("p2", "u1", 100), true);
    assert.equal(await s.mfa.claimTotpStep("p1", "u1", 101), true);
    const results = await Promise.all(Array.from({ length: 12 }, () => s.mfa.claimTotpStep("p1", "u3", 500)));
    assert.equal(results.filter(Boolean).length, 1);
    const again = await Promise.all(Array.from({ length: 12 }, () => s.mfa.claimTotpStep("p1", "u3", 501)));
    assert.equal(again.filter(Boolean).length, 1);
  });

  it("mfa: devices put, get, update, list in key order with pages, delete", async (s) => {
    await s.pools.create(poolRecord("p1"));
    const d = device("p1", "sub-a", "us-east-1_0b");
    await s.mfa.putDevice(d);
    assert.deepEqual(await s.mfa.getDevice("p1", "us-east-1_0b"), d);
    assert.equal(await s.mfa.getDevice("p2", "us-east-1_0b"), null);
    await assert.rejects(s.mfa.putDevice(d), (e) => e instanceof UniqueViolation && e.what === "other");
    const changed = {
      ...d,
      verifier: "sealed-verifier",
      remembered: true,
      name: "Firefox",
      lastIp: "127.0.0.1",
      modifiedAt: d.modifiedAt + 5,
      lastAuthenticatedAt: d.lastAuthenticatedAt + 5,
    };
    assert.equal(await s.mfa.updateDevice(changed), true);
    assert.deepEqual(await s.mfa.getDevice("p1", "us-east-1_0b"), changed);
    assert.equal(await s.mfa.updateDevice(device("p1", "sub-a", "us-east-1_ff")), false);
    for (const k of ["us-east-1_0c", "us-east-1_0a", "us-east-1_0d"])
      await s.mfa.putDevice(device("p1", "sub-a", k));
    await s.mfa.putDevice(device("p1", "sub-b", "us-east-1_00"));
    const page1 = await s.mfa.listDevices("p1", "sub-a", 2);
    assert.deepEqual(
      page1.map((x) => x.deviceKey),
      ["us-east-1_0a", "us-east-1_0b"],
    );
    const page2 = await s.mfa.listDevices("p1", "sub-a", 10, "us-east-1_0b");
    assert.deepEqual(
      page2.map((x) => x.deviceKey),
      ["us-east-1_0c", "us-east-1_0d"],
    );
    assert.equal(await s.mfa.deleteDevice("p1", "us-east-1_0a"), true);
    assert.equal(await s.mfa.deleteDevice("p1", "us-east-1_0a"), false);
    assert.equal((await s.mfa.listDevices("p1", "sub-a", 10)).length, 3);
  });

  it("mfa: deleting a user or a pool removes its devices and TOTP guard", async (s) => {
    await s.pools.create(poolRecord("p1"));
    const u = userRecord("p1", "ann");
    await s.users.create(u);
    await s.mfa.putDevice(device("p1", u.sub, "us-east-1_01"));
    await s.mfa.claimTotpStep("p1", u.sub, 10);
    assert.equal(await s.users.delete("p1", u.sub), true);
    assert.equal(await s.mfa.getDevice("p1", "us-east-1_01"), null);
    assert.equal(await s.mfa.claimTotpStep("p1", u.sub, 10), true);
    await s.mfa.putDevice(device("p1", "other", "us-east-1_02"));
    assert.equal(await s.pools.delete("p1"), true);
    assert.equal(await s.mfa.getDevice("p1", "us-east-1_02"), null);
    assert.equal(await s.mfa.claimTotpStep("p1", u.sub, 10), true);
  });
}
