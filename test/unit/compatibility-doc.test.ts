import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { EXCEPTION_NAMES } from "../../src/domain/errors/index.ts";
import { operations } from "../../src/operations/registry.ts";

/**
 * Keeps README.md true mechanically: every registered operation is listed as implemented,
 * and every row listed as implemented is registered.
 */
const doc = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const rows = [...doc.matchAll(/^\| `([A-Za-z]+)` \| (✅|❌)/gm)].map((m) => ({
  name: m[1] ?? "",
  done: m[2] === "✅",
}));

test("every registered operation is documented as implemented", () => {
  const documented = new Set(rows.filter((r) => r.done).map((r) => r.name));
  for (const name of operations.keys()) assert.ok(documented.has(name), `${name} missing from README.md`);
});

test("every operation documented as implemented is registered", () => {
  for (const r of rows.filter((x) => x.done))
    assert.ok(operations.has(r.name), `${r.name} is not registered`);
});

test("every error name the code can send is one of Cognito's or AWS JSON's", () => {
  const known = /^[A-Z][A-Za-z]+Exception$/;
  for (const n of EXCEPTION_NAMES) assert.match(n, known);
});
