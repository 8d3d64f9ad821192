import type { z } from "zod";

/**
 * Bodies that put U+0000 into one string an operation's handler would see, for every member of its
 * input, read off the input schema the way test/e2e/hostile-input.test.ts reads it: top-level
 * strings, list elements, structure members at any depth, map keys, and map values under the keys
 * that matter (AuthParameters' USERNAME, PASSWORD, …).
 */

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
}

function unwrap(schema: z.ZodType): Def {
  let d = (schema as unknown as { def: Def }).def;
  while (d.innerType) d = (d.innerType as unknown as { def: Def }).def;
  return d;
}

const NUL = "x\u0000y";

/** Map keys the flows read, so a NUL value reaches the lookup it would reach without the edge check. */
const KEYS: Record<string, string[]> = {
  AuthParameters: ["USERNAME", "PASSWORD", "SRP_A", "REFRESH_TOKEN", "SECRET_HASH", "DEVICE_KEY"],
  ChallengeResponses: ["USERNAME", "NEW_PASSWORD", "ANSWER", "PASSWORD_CLAIM_SIGNATURE", "SECRET_HASH"],
};

/** A harmless value of this schema's kind, for the other members of a probed structure. */
function sample(d: Def): unknown {
  switch (d.type) {
    case "string":
      return "email";
    case "number":
      return 1;
    case "boolean":
      return false;
    case "array":
      return [];
    default:
      return undefined;
  }
}

function probes(schema: z.ZodType, name: string, depth: number): unknown[] {
  const d = unwrap(schema);
  if (depth > 6) return [];
  switch (d.type) {
    case "string":
      return [NUL, "\u0000"];
    case "unknown":
      return [NUL, { key: NUL }];
    case "array":
      return d.element ? probes(d.element, name, depth + 1).map((p) => [p]) : [];
    case "record": {
      if (!d.valueType) return [];
      const values = probes(d.valueType, name, depth + 1);
      const keys = KEYS[name] ?? ["key"];
      return [{ "K\u0000": "v" }, ...keys.flatMap((k) => values.map((v) => ({ [k]: v })))];
    }
    case "object": {
      const shape = d.shape ?? {};
      const base: Record<string, unknown> = {};
      for (const [k, m] of Object.entries(shape)) {
        const v = sample(unwrap(m));
        if (v !== undefined) base[k] = v;
      }
      return Object.entries(shape).flatMap(([k, m]) =>
        probes(m, k, depth + 1).map((p) => ({ ...base, [k]: p })),
      );
    }
    default:
      return [];
  }
}

/** For each top-level member: the values that carry a NUL somewhere inside. */
export function nulProbes(input: z.ZodType): { member: string; value: unknown }[] {
  const shape = unwrap(input).shape ?? {};
  return Object.entries(shape).flatMap(([member, schema]) =>
    probes(schema, member, 0).map((value) => ({ member, value })),
  );
}
