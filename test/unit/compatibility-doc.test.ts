import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { EXCEPTION_NAMES } from "../../src/domain/errors/index.ts";
import { operations } from "../../src/operations/registry.ts";
import { MODEL_OPERATIONS } from "../../src/protocol/model-operations.ts";

/**
 * Keeps README.md true mechanically: its compatibility table lists every operation of the
 * cognito-idp model once, in name order, as implemented exactly when it is registered; and the
 * model list in src/protocol/model-operations.ts is the installed SDK's (one command per operation,
 * the unsigned ones public).
 */
const doc = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const rows = [...doc.matchAll(/^\| `([A-Za-z]+)` \| (✅|❌) \|/gm)].map((m) => ({
  name: m[1] ?? "",
  done: m[2] === "✅",
}));

const sdkDir = dirname(
  createRequire(import.meta.url).resolve("@aws-sdk/client-cognito-identity-provider/package.json"),
);
const sdkOperations = readdirSync(join(sdkDir, "dist-types", "commands"))
  .filter((f) => f.endsWith("Command.d.ts"))
  .map((f) => f.slice(0, -"Command.d.ts".length))
  .sort();
/** The SDK's auth-scheme resolver gives the unsigned operations a `case "<Name>":` of their own. */
const sdkPublic = [
  ...readFileSync(join(sdkDir, "dist-es", "auth", "httpAuthSchemeProvider.js"), "utf8").matchAll(
    /case "([A-Za-z]+)":/g,
  ),
]
  .map((m) => m[1] ?? "")
  .sort();

test("the model list is the installed SDK's, with its unsigned operations public", () => {
  assert.deepEqual(Object.keys(MODEL_OPERATIONS).sort(), sdkOperations);
  const publicOnes = Object.entries(MODEL_OPERATIONS)
    .filter(([, auth]) => auth === "public")
    .map(([n]) => n)
    .sort();
  assert.ok(sdkPublic.length > 20, "the SDK's unsigned operations were found");
  assert.deepEqual(publicOnes, sdkPublic);
});

test("the README table lists every operation of the model once, in name order", () => {
  const names = rows.map((r) => r.name);
  assert.deepEqual(names, [...names].sort(), "rows are in name order (plain code-point sort)");
  assert.deepEqual(names, Object.keys(MODEL_OPERATIONS).sort());
});

test("every registered operation is documented as implemented", () => {
  const documented = new Set(rows.filter((r) => r.done).map((r) => r.name));
  for (const name of operations.keys()) assert.ok(documented.has(name), `${name} missing from README.md`);
});

test("every operation documented as implemented is registered", () => {
  for (const r of rows.filter((x) => x.done))
    assert.ok(operations.has(r.name), `${r.name} is not registered`);
});

test("every registered operation is in the model, with the model's auth class", () => {
  for (const op of operations.values())
    assert.equal(MODEL_OPERATIONS[op.name], op.auth, `${op.name} is not (or not so) in the model`);
});

test("every error name the code can send is one of Cognito's or AWS JSON's", () => {
  const known = /^[A-Z][A-Za-z]+Exception$/;
  for (const n of EXCEPTION_NAMES) assert.match(n, known);
});
