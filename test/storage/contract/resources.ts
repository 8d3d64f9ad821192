import assert from "node:assert/strict";
import type { ResourceRecord } from "../../../src/storage/ports.ts";
import { UniqueViolation } from "../../../src/storage/ports.ts";
import type { StoreTest } from "./fixtures.ts";
import { poolRecord } from "./fixtures.ts";

const rec = (over: Partial<ResourceRecord>): ResourceRecord => ({
  kind: "resource-server",
  scope: "p1",
  name: "https://api.example.com",
  poolId: "p1",
  body: { Name: "api", Scopes: [{ ScopeName: "read", ScopeDescription: "Read" }] },
  createdAt: 1_700_000_000_000,
  modifiedAt: 1_700_000_000_000,
  ...over,
});

export function resourceTests(it: StoreTest): void {
  it("resources: create, unique per (kind, scope, name), get, update, delete, list in name order", async (s) => {
    await s.pools.create(poolRecord("p1"));
    const r = rec({});
    await s.resources.create(r);
    assert.deepEqual(await s.resources.get("resource-server", "p1", r.name), r);
    await assert.rejects(s.resources.create(rec({})), (e) => e instanceof UniqueViolation);
    // Same name, another kind or another pool: a different record.
    await s.resources.create(rec({ kind: "identity-provider" }));
    await s.resources.create(rec({ scope: "p2", poolId: "p2" }));
    const changed = { ...r, body: { Name: "renamed", Scopes: [] }, modifiedAt: r.modifiedAt + 5 };
    assert.equal(await s.resources.update(changed), true);
    assert.deepEqual(await s.resources.get("resource-server", "p1", r.name), changed);
    assert.equal(await s.resources.update(rec({ name: "none" })), false);
    for (const n of ["b", "A", "c"]) await s.resources.create(rec({ name: n }));
    assert.deepEqual(
      (await s.resources.list("resource-server", "p1", 10)).map((x) => x.name),
      ["A", "b", "c", r.name],
    );
    assert.deepEqual(
      (await s.resources.list("resource-server", "p1", 2, "A")).map((x) => x.name),
      ["b", "c"],
    );
    assert.equal(await s.resources.count("resource-server", "p1"), 4);
    assert.equal(await s.resources.delete("resource-server", "p1", "b"), true);
    assert.equal(await s.resources.delete("resource-server", "p1", "b"), false);
  });

  it("resources: domains are unique across pools and go with their pool", async (s) => {
    await s.pools.create(poolRecord("p1"));
    await s.pools.create(poolRecord("p2"));
    await s.resources.create(rec({ kind: "domain", scope: "", name: "my-app", poolId: "p1", body: {} }));
    await assert.rejects(
      s.resources.create(rec({ kind: "domain", scope: "", name: "my-app", poolId: "p2", body: {} })),
      (e) => e instanceof UniqueViolation,
    );
    assert.deepEqual(
      (await s.resources.ofPool("domain", "p1")).map((d) => d.name),
      ["my-app"],
    );
    assert.deepEqual(await s.resources.ofPool("domain", "p2"), []);
    assert.equal(await s.pools.delete("p1"), true);
    assert.equal(await s.resources.get("domain", "", "my-app"), null);
  });
}
