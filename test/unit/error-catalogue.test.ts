import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { accessErrors } from "../../src/domain/errors/access.ts";
import { adminExtraErrors } from "../../src/domain/errors/admin-extras.ts";
import { codeErrors } from "../../src/domain/errors/codes.ts";
import { groupErrors } from "../../src/domain/errors/groups.ts";
import { CognitoError, EXCEPTION_NAMES, errors } from "../../src/domain/errors/index.ts";
import { mfaErrors } from "../../src/domain/errors/mfa.ts";
import { oauthErrors } from "../../src/domain/errors/oauth.ts";
import { poolErrors } from "../../src/domain/errors/pools.ts";
import { protocolErrors } from "../../src/domain/errors/protocol.ts";
import { quotaErrors } from "../../src/domain/errors/quotas.ts";
import { signInErrors } from "../../src/domain/errors/sign-in.ts";
import { tokenErrors } from "../../src/domain/errors/tokens.ts";
import { triggerErrors } from "../../src/domain/errors/triggers.ts";
import { userErrors } from "../../src/domain/errors/users.ts";
import { validationErrors } from "../../src/domain/errors/validation.ts";

/**
 * One error catalogue (src/domain/errors): every error is made by a named constructor there, with
 * one of Cognito's exception names, and one wording per situation.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ERRORS_DIR = join(ROOT, "src/domain/errors");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (/\.(ts|mts|mjs)$/.test(entry.name)) out.push(path);
  }
  return out;
}

const outside = ["src", "scripts", "bench"]
  .flatMap((d) => sources(join(ROOT, d)))
  .filter((f) => !f.startsWith(`${ERRORS_DIR}/`))
  .map((f) => ({ name: relative(ROOT, f), text: readFileSync(f, "utf8") }));

type Constructor = (...args: unknown[]) => CognitoError;
const constructors = Object.entries(errors) as [string, Constructor][];

/** Each parameter gets ["x"]: it reads as "x" in a template and as a one-item list of details. */
const sample = (make: Constructor): CognitoError => make(...Array.from({ length: make.length }, () => ["x"]));

test("no CognitoError is constructed outside src/domain/errors", () => {
  for (const { name, text } of outside) assert.doesNotMatch(text, /new CognitoError\s*\(/, name);
});

test("no free-text constructor: the catalogue has none, and no call passes a sentence", () => {
  for (const freeText of ["invalidParameter", "notAuthorized", "serialization", "make"])
    assert.ok(!(freeText in errors), `errors.${freeText} is a free-text constructor`);
  const sentenceArgument = /\berrors\.\w+\(\s*(["'`])[^"'`]*\s[^"'`]*\1/;
  for (const { name, text } of outside) {
    assert.doesNotMatch(text, /\berrors\.(invalidParameter|notAuthorized|serialization)\s*\(/, name);
    assert.doesNotMatch(text, sentenceArgument, name);
  }
});

test("code outside the catalogue imports it only through src/domain/errors/index.ts", () => {
  const specifier = /from\s+"([^"]+)"/g;
  for (const { name, text } of outside) {
    for (const m of text.matchAll(specifier)) {
      const spec = m[1] ?? "";
      if (!spec.startsWith(".")) continue;
      const target = resolve(ROOT, dirname(name), spec);
      if (!target.startsWith(`${ERRORS_DIR}/`)) continue;
      assert.equal(relative(ERRORS_DIR, target), "index.ts", `${name} imports ${spec}`);
    }
  }
});

test("every constructor makes a CognitoError whose type is a Cognito exception name", () => {
  const names = new Set<string>(EXCEPTION_NAMES);
  for (const [key, make] of constructors) {
    const e = sample(make);
    assert.ok(e instanceof CognitoError, key);
    assert.ok(names.has(e.type), `${key}: ${e.type}`);
    assert.ok(e.message.length > 0, `${key} has no message`);
  }
});

test("one wording per situation: no two constructors make the same (type, message)", () => {
  const seen = new Map<string, string>();
  for (const [key, make] of constructors) {
    const e = sample(make);
    const text = `${e.type}: ${e.message}`;
    assert.equal(seen.get(text), undefined, `${key} and ${seen.get(text)} both make "${text}"`);
    seen.set(text, key);
  }
  const fixed = constructors.filter(([, make]) => make.length === 0);
  assert.ok(fixed.length > 30, "fixed-text constructors were found");
});

test("the area files do not reuse a name (a later one would silently replace an earlier one)", () => {
  const areas = {
    signInErrors,
    tokenErrors,
    codeErrors,
    userErrors,
    poolErrors,
    groupErrors,
    mfaErrors,
    oauthErrors,
    validationErrors,
    triggerErrors,
    quotaErrors,
    protocolErrors,
    accessErrors,
    adminExtraErrors,
  };
  const owner = new Map<string, string>();
  for (const [area, members] of Object.entries(areas)) {
    for (const key of Object.keys(members)) {
      assert.equal(owner.get(key), undefined, `${key} is in ${owner.get(key)} and ${area}`);
      owner.set(key, area);
    }
  }
  assert.equal(owner.size, constructors.length);
});

test("the domain imports neither the wire edge (src/protocol) nor the SQL adapters", () => {
  for (const file of sources(join(ROOT, "src/domain"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/from\s+"([^"]+)"/g)) {
      const target = relative(ROOT, resolve(dirname(file), m[1] ?? ""));
      const name = relative(ROOT, file);
      assert.ok(!target.startsWith("src/protocol/"), `${name} imports ${target}`);
      assert.ok(!target.startsWith("src/storage/sql/"), `${name} imports ${target}`);
    }
  }
});
