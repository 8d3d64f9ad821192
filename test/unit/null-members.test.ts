import assert from "node:assert/strict";
import { test } from "node:test";
import type { z } from "zod";
import { CognitoError } from "../../src/domain/errors/index.ts";
import { operations } from "../../src/operations/registry.ts";
import { validate } from "../../src/protocol/validation.ts";

/**
 * docs/wire-protocol.md#null: for every operation, a body whose members are all JSON `null` is
 * judged exactly as the empty body, and so is every structure member whose own members are all
 * `null` (any depth the schema has): `null` is absence, wherever it stands for a member.
 */
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
function unwrap(s: z.ZodType): Def {
  let d = defOf(s);
  while (d.innerType || d.type === "pipe") {
    const next = d.type === "pipe" ? d.in : d.innerType;
    if (!next) break;
    d = defOf(next);
  }
  return d;
}

const outcome = (schema: z.ZodType, body: unknown): string => {
  try {
    validate(schema, body);
    return "valid";
  } catch (e) {
    assert.ok(e instanceof CognitoError);
    return `${e.type}: ${e.message}`;
  }
};

/**
 * Bodies that differ from their twin only by nulls standing for members: [with nulls, without, where],
 * `where` naming the structure whose members are null (`""` for the body, `Policies.PasswordPolicy`,
 * `UserAttributes[]` for the structures of a list).
 */
type Twin = [unknown, unknown, string];
function twins(d: Def, depth = 0, where = ""): Twin[] {
  if (d.type === "array" && d.element)
    return twins(unwrap(d.element), depth, `${where}[]`).map(([a, b, w]): Twin => [[a], [b], w]);
  if (d.type !== "object" || !d.shape || depth > 4) return [];
  const members = Object.entries(d.shape);
  const out: Twin[] = [[Object.fromEntries(members.map(([k]) => [k, null])), {}, where]];
  for (const [k, m] of members)
    for (const [a, b, w] of twins(unwrap(m), depth + 1, where ? `${where}.${k}` : k))
      out.push([{ [k]: a }, { [k]: b }, w]);
  return out;
}

/**
 * Nested structures of each kind the walk must reach: a structure member, a structure inside one, a
 * list of structures, and a structure inside a list's structures. Named rather than counted: a count
 * of comparisons depends on how many operations are flat, and was lowered when flat ones were added.
 */
const MUST_REACH = [
  "SignUp AnalyticsMetadata",
  "CreateUserPool Policies.PasswordPolicy",
  "CreateUserPool AdminCreateUserConfig.InviteMessageTemplate",
  "CreateUserPool LambdaConfig.CustomSMSSender",
  "AdminCreateUser UserAttributes[]",
  "CreateUserPool Schema[].StringAttributeConstraints",
];

test("every operation treats a null member as an absent one, at every depth", () => {
  const reached = new Set<string>();
  const skipped: string[] = [];
  for (const op of operations.values()) {
    const all = twins(unwrap(op.input));
    // Each operation gives at least its body's twin (all members null against `{}`): an input the
    // walk cannot read would otherwise be skipped in silence.
    if (!all.some(([, , where]) => where === "")) skipped.push(op.name);
    for (const [withNulls, without, where] of all) {
      assert.equal(
        outcome(op.input, withNulls),
        outcome(op.input, without),
        `${op.name}: ${JSON.stringify(withNulls)}`,
      );
      reached.add(`${op.name} ${where}`);
    }
  }
  assert.deepEqual(skipped, [], "operations whose input the walk could not read");
  assert.deepEqual(
    MUST_REACH.filter((w) => !reached.has(w)),
    [],
    "nested structures the walk did not reach",
  );
});
