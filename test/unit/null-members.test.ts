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

/** Bodies that differ from their twin only by nulls standing for members: [with nulls, without]. */
function twins(d: Def, depth = 0): [unknown, unknown][] {
  if (d.type === "array" && d.element) return twins(unwrap(d.element), depth).map(([a, b]) => [[a], [b]]);
  if (d.type !== "object" || !d.shape || depth > 4) return [];
  const members = Object.entries(d.shape);
  const out: [unknown, unknown][] = [[Object.fromEntries(members.map(([k]) => [k, null])), {}]];
  for (const [k, m] of members)
    for (const [a, b] of twins(unwrap(m), depth + 1)) out.push([{ [k]: a }, { [k]: b }]);
  return out;
}

test("every operation treats a null member as an absent one, at every depth", () => {
  let compared = 0;
  for (const op of operations.values()) {
    for (const [withNulls, without] of twins(unwrap(op.input))) {
      assert.equal(
        outcome(op.input, withNulls),
        outcome(op.input, without),
        `${op.name}: ${JSON.stringify(withNulls)}`,
      );
      compared++;
    }
  }
  // Every operation gives at least its top-level twin; nested shapes add more (the OAuth
  // configuration operations are flat, so the total is no longer twice the operations).
  assert.ok(compared > operations.size, `only ${compared} comparisons`);
});
